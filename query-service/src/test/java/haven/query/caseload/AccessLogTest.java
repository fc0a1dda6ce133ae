package haven.query.caseload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import haven.events.CaseId;
import haven.events.CaseworkerAssigned;
import haven.events.Category;
import haven.events.ContactPreference;
import haven.events.LocationType;
import haven.events.ReportSubmitted;
import haven.events.ReportType;
import haven.events.ReporterRole;
import haven.infra.privacy.PersonalDataKeys;
import haven.infra.security.AccessMatrix;
import haven.infra.security.Role;
import haven.infra.security.TestTokens;
import haven.query.CaseStream;
import haven.query.QueryServiceTest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

@QueryServiceTest(database = "access-log-tests")
class AccessLogTest {

    static final String ADMIN = TestTokens.bearer("dpo.smith", null, Role.ADMIN);

    @Autowired
    MockMvc http;

    @Autowired
    EventStore events;

    @Autowired
    PersonalDataKeys keys;

    @Autowired
    com.mongodb.client.MongoDatabase database;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyReadOfACaseIsLoggedWithWhoAndWhy() throws Exception {
        String team = "team-" + UUID.randomUUID();
        var history = caseAssignedTo("cw.lee", team);
        String caseId = history.caseId().value();
        String manager = TestTokens.bearer("mgr.jones", team, Role.CASE_MANAGER);
        String caseworker = TestTokens.bearer("cw.lee", team, Role.CASEWORKER);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> http.perform(get("/api/cases/" + caseId).header("Authorization", manager))
                        .andExpect(status().isOk()));
        http.perform(get("/api/cases/" + caseId + "/timeline").header("Authorization", caseworker))
                .andExpect(status().isOk());
        http.perform(get("/api/caseload").header("Authorization", caseworker)).andExpect(status().isOk());
        http.perform(get("/api/cases/" + caseId)
                        .header("Authorization", TestTokens.bearer("cw.ng", team, Role.CASEWORKER)))
                .andExpect(status().isNotFound());

        http.perform(get("/api/admin/access-log").header("Authorization", ADMIN).param("caseId", caseId))
                .andExpect(jsonPath("$.entries.length()").value(3))
                .andExpect(jsonPath("$.entries[0].staff").value("cw.ng"))
                .andExpect(jsonPath("$.entries[0].outcome").value("REFUSED"))
                .andExpect(jsonPath("$.entries[0].view").value("CASE_FILE"))
                .andExpect(jsonPath("$.entries[0].basis").doesNotExist())
                .andExpect(jsonPath("$.entries[1].staff").value("cw.lee"))
                .andExpect(jsonPath("$.entries[1].outcome").value("READ"))
                .andExpect(jsonPath("$.entries[1].view").value("TIMELINE"))
                .andExpect(jsonPath("$.entries[1].basis").value("ASSIGNED_CASEWORKER"))
                .andExpect(jsonPath("$.entries[1].at").isNotEmpty())
                .andExpect(jsonPath("$.entries[2].staff").value("mgr.jones"))
                .andExpect(jsonPath("$.entries[2].view").value("CASE_FILE"))
                .andExpect(jsonPath("$.entries[2].basis").value("TEAM_MANAGER"));
        http.perform(get("/api/admin/access-log")
                        .header("Authorization", ADMIN)
                        .param("staff", "cw.lee")
                        .param("caseId", caseId))
                .andExpect(jsonPath("$.entries.length()").value(1));
        http.perform(get("/api/admin/access-log/verify").header("Authorization", ADMIN))
                .andExpect(jsonPath("$.intact").value(true));
    }

    @Test
    void aManagerFromAnotherTeamBreaksTheGlassWithAReasonAndTheReasonIsLogged() throws Exception {
        String team = "team-" + UUID.randomUUID();
        var history = caseAssignedTo("cw.lee", team);
        String caseId = history.caseId().value();
        String outsider = TestTokens.bearer("mgr.khan", "hr", Role.CASE_MANAGER);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> http.perform(get("/api/cases/" + caseId)
                                .header("Authorization", TestTokens.bearer("cw.lee", team, Role.CASEWORKER)))
                        .andExpect(status().isOk()));
        http.perform(post("/api/cases/" + caseId + "/break-glass")
                        .header("Authorization", outsider)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("reason"));
        http.perform(get("/api/cases/" + caseId).header("Authorization", outsider))
                .andExpect(status().isNotFound());

        String reason = "Assigned caseworker off sick; reporter at risk tonight";
        http.perform(post("/api/cases/" + caseId + "/break-glass")
                        .header("Authorization", outsider)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\": \"" + reason + "\"}"))
                .andExpect(status().isNoContent());
        http.perform(get("/api/cases/" + caseId).header("Authorization", outsider))
                .andExpect(status().isOk());
        http.perform(get("/api/caseload").header("Authorization", outsider))
                .andExpect(jsonPath("$.cases[?(@.caseId == '" + caseId + "')]").isEmpty());
        http.perform(get("/api/admin/access-log").header("Authorization", ADMIN).param("caseId", caseId))
                .andExpect(jsonPath("$.entries[0].staff").value("mgr.khan"))
                .andExpect(jsonPath("$.entries[0].outcome").value("READ"))
                .andExpect(jsonPath("$.entries[0].basis").value("BREAK_GLASS"))
                .andExpect(jsonPath("$.entries[0].reason").value(reason))
                .andExpect(jsonPath("$.entries[1].outcome").value("BREAK_GLASS_GRANTED"))
                .andExpect(jsonPath("$.entries[1].reason").value(reason))
                .andExpect(jsonPath("$.entries[2].outcome").value("REFUSED"))
                .andExpect(jsonPath("$.entries[2].staff").value("mgr.khan"));

        String caseworker = TestTokens.bearer("cw.ng", "hr", Role.CASEWORKER);
        http.perform(post("/api/cases/" + caseId + "/break-glass")
                        .header("Authorization", caseworker)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\": \"" + reason + "\"}"))
                .andExpect(status().isForbidden());

        keys.destroy(caseId); // the case's personal data is erased: the reason goes with it, the record stays
        http.perform(get("/api/admin/access-log").header("Authorization", ADMIN).param("caseId", caseId))
                .andExpect(jsonPath("$.entries[0].staff").value("mgr.khan"))
                .andExpect(jsonPath("$.entries[0].reason").doesNotExist());

        String another = TestTokens.bearer("mgr.osei", "hr", Role.CASE_MANAGER);
        http.perform(post("/api/cases/" + caseId + "/break-glass")
                        .header("Authorization", another)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\": \"" + reason + "\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("erased")));
        assertThat(database.getCollection(PersonalDataKeys.COLLECTION)
                        .countDocuments(com.mongodb.client.model.Filters.regex("_id", "^" + caseId)))
                .as("no new key")
                .isZero();
    }

    @Test
    void theAccessLogCanOnlyBeRead() {
        var methods = AccessMatrix.endpoints(mappings).stream()
                .filter(endpoint -> endpoint.contains("access-log"))
                .map(endpoint -> endpoint.split(" ")[0])
                .toList();
        assertThat(methods).containsOnly("GET");
    }

    private CaseStream caseAssignedTo(String caseworker, String team) {
        var history = new CaseStream(events);
        history.append(submitted(history.caseId()));
        history.append(new CaseworkerAssigned(history.caseId(), caseworker, team, "mgr.jones"));
        return history;
    }

    private static ReportSubmitted submitted(CaseId caseId) {
        return new ReportSubmitted(
                caseId,
                "HV-LOG-" + caseId.value().substring(0, 2).toUpperCase(),
                "$2a$10$x",
                ReportType.DIGNITY_AT_WORK,
                Category.HARASSMENT,
                LocalDate.parse("2026-10-12"),
                LocationType.WORKPLACE,
                "Libraries",
                Set.of(),
                ReporterRole.VICTIM,
                true,
                null,
                ContactPreference.FOLLOW_UP_ONLY,
                "Comments about my accent at the counter",
                List.of(),
                false,
                false,
                null);
    }
}
