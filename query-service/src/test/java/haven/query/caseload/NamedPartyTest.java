package haven.query.caseload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import haven.events.CaseId;
import haven.events.CaseworkerAssigned;
import haven.events.ReportSubmitted;
import haven.events.StaffMemberNamed;
import haven.infra.privacy.StaffPseudonyms;
import haven.infra.security.AccessMatrix;
import haven.infra.security.Role;
import haven.infra.security.TestTokens;
import haven.query.CaseStream;
import haven.query.PageLogin;
import haven.query.QueryServiceTest;
import haven.query.Reports;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * A member of staff named in a case learns nothing about it from any view: every endpoint and
 * page that takes a case id answers them exactly as it answers for a case that does not exist,
 * and the caseload neither lists nor counts it. The endpoints come from the handler mappings, so
 * a new one is covered without anyone remembering to add it. (The pages' forms are sent to the
 * command-service as the signed-in user, where its own named-party test covers them.)
 */
@QueryServiceTest(database = "named-party-tests")
class NamedPartyTest {

    static final String TEAM = "equality";

    @Autowired
    MockMvc http;

    @Autowired
    org.axonframework.eventsourcing.eventstore.EventStore events;

    @Autowired
    StaffPseudonyms pseudonyms;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void aNamedManagerAndANamedCaseworkerGetNothingAboutTheCase() throws Exception {
        var named = new CaseStream(events);
        named.append(submitted(named.caseId()));
        named.append(new StaffMemberNamed(named.caseId(), pseudonyms.of("mgr.jones"), "reporter"));
        named.append(new CaseworkerAssigned(named.caseId(), "cw.lee", TEAM, "mgr.ahmed"));
        named.append(new StaffMemberNamed(named.caseId(), pseudonyms.of("CW.Lee"), "mgr.ahmed"));
        String colleague = TestTokens.bearer("mgr.ahmed", TEAM, Role.CASE_MANAGER);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> http.perform(get("/api/cases/" + named.caseId()).header("Authorization", colleague))
                                .andExpect(status().isOk())
                                .andExpect(jsonPath("$.assignee").doesNotExist()));

        for (var namedStaff :
                List.of(new Caller("mgr.jones", Role.CASE_MANAGER), new Caller("cw.lee", Role.CASEWORKER))) {
            for (String endpoint : caseEndpoints()) {
                MvcResult aboutNamedCase = ask(endpoint, named.caseId().value(), namedStaff);
                String unknown = UUID.randomUUID().toString();
                MvcResult aboutNoCase = ask(endpoint, unknown, namedStaff);
                // 404, or 403 where their role may not ask at all (a caseworker breaking the glass)
                assertThat(aboutNamedCase.getResponse().getStatus())
                        .as(endpoint)
                        .isIn(403, 404)
                        .isEqualTo(aboutNoCase.getResponse().getStatus());
                assertThat(comparable(aboutNamedCase, named.caseId().value()))
                        .as(endpoint)
                        .isEqualTo(comparable(aboutNoCase, unknown));
            }
            http.perform(get("/api/caseload")
                            .header("Authorization", namedStaff.bearer())
                            .param("size", "200"))
                    .andExpect(
                            jsonPath("$.cases[?(@.caseId == '" + named.caseId().value() + "')]")
                                    .isEmpty());
            http.perform(get("/cases").with(namedStaff.signedIn()))
                    .andExpect(
                            content().string(not(containsString(named.caseId().value()))));
        }
        http.perform(get("/api/caseload")
                        .header("Authorization", TestTokens.bearer("mgr.jones", TEAM, Role.CASE_MANAGER)))
                .andExpect(jsonPath("$.total").value(0));
        http.perform(get("/api/caseload").header("Authorization", colleague))
                .andExpect(jsonPath("$.total").value(1));
    }

    /** A named member of staff, calling the API with a token or using the pages signed in. */
    record Caller(String id, Role role) {

        String bearer() {
            return TestTokens.bearer(id, TEAM, role);
        }

        RequestPostProcessor signedIn() {
            return PageLogin.as(id, TEAM, role);
        }
    }

    /** Every mapped API endpoint about one case, and every page that shows one, as "METHOD /path/{caseId}". */
    private List<String> caseEndpoints() {
        var endpoints = AccessMatrix.endpoints(mappings).stream()
                .filter(endpoint -> endpoint.contains("{caseId}"))
                .filter(endpoint -> AccessMatrix.isApi(endpoint.split(" ")[1]) || endpoint.startsWith("GET "))
                .toList();
        assertThat(endpoints)
                .contains(
                        "GET /api/cases/{caseId}",
                        "GET /api/cases/{caseId}/timeline",
                        "GET /api/cases/{caseId}/record",
                        "GET /cases/{caseId}");
        return endpoints;
    }

    private MvcResult ask(String endpoint, String caseId, Caller caller) throws Exception {
        String[] methodAndPath = endpoint.split(" ");
        // any other part of the address (a file's id) well-formed, so that only the case decides the answer
        var request = request(
                HttpMethod.valueOf(methodAndPath[0]),
                methodAndPath[1]
                        .replace("{caseId}", caseId)
                        .replaceAll("\\{[A-Za-z]+}", "00000000-0000-0000-0000-000000000001"));
        if (!AccessMatrix.isApi(methodAndPath[1])) {
            return http.perform(request.with(caller.signedIn())).andReturn();
        }
        return http.perform(request.header("Authorization", caller.bearer())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\": \"Covering for a colleague on leave\"}"))
                .andReturn();
    }

    /** The answer with the case id asked about, and the page's one-off CSRF token, taken out. */
    private static String comparable(MvcResult answer, String caseId) throws Exception {
        return answer.getResponse()
                .getContentAsString()
                .replace(caseId, "ID")
                .replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "name=\"_csrf\"");
    }

    private static ReportSubmitted submitted(CaseId caseId) {
        return Reports.bullyingAtWork(
                caseId, "HV-NAME-" + caseId.value().substring(0, 2).toUpperCase());
    }
}
