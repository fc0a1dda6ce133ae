package haven.query.caseload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import haven.events.CaseClosed;
import haven.events.CaseId;
import haven.events.CaseworkerAssigned;
import haven.events.ReportRoutedToTeam;
import haven.infra.security.Role;
import haven.infra.security.TestTokens;
import haven.query.CaseStream;
import haven.query.QueryServiceTest;
import haven.query.Reports;
import jakarta.servlet.http.Cookie;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * A partnership of three organisations (the bundled demo: a council, the police, a housing
 * association) with teams of the same name in two of them: nobody sees another organisation's case,
 * whatever their role or team, and it answers them exactly as a case that does not exist.
 */
@QueryServiceTest(database = "organisations-tests", properties = "haven.partnership=demo")
class OrganisationsTest {

    static final String COUNCIL = "castle-council";
    static final String POLICE = "castle-police";
    static final String COUNCIL_MANAGER = TestTokens.bearerOf(COUNCIL, "mgr.jones", "equality", Role.CASE_MANAGER);
    /** Same team name, same roles, another organisation. */
    static final String POLICE_MANAGER =
            TestTokens.bearerOf(POLICE, "mgr.evans", "equality", Role.CASE_MANAGER, Role.CASEWORKER);

    static final String POLICE_CASEWORKER = TestTokens.bearerOf(POLICE, "cw.patel", "equality", Role.CASEWORKER);
    static final String POLICE_OFFICER_FOR_DATA = TestTokens.bearerOf(POLICE, "dpo.morgan", null, Role.ADMIN);
    static final String COUNCIL_OFFICER_FOR_DATA = TestTokens.bearerOf(COUNCIL, "dpo.smith", null, Role.ADMIN);
    /** With several organisations, a token must say whose staff it is for. */
    static final String NO_ORGANISATION = TestTokens.bearer("mgr.jones", "equality", Role.CASE_MANAGER);

    @Autowired
    MockMvc http;

    @Autowired
    EventStore events;

    @Test
    void anotherOrganisationsCaseDoesNotExistForItsStaffWhateverTheirRoleOrTeamAndOnlyItsOwnOfficerSeesTheAttempts()
            throws Exception {
        var council = new CaseStream(events);
        council.append(Reports.bullyingAtWork(council.caseId(), "HV-ORGS-01"))
                .append(new ReportRoutedToTeam(council.caseId(), "equality", COUNCIL))
                .append(new CaseworkerAssigned(council.caseId(), "cw.patel", "equality", "mgr.jones"));
        String id = council.caseId().value();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> http.perform(get("/api/cases/" + id).header("Authorization", COUNCIL_MANAGER))
                        .andExpect(status().isOk()));

        for (String stranger : List.of(POLICE_MANAGER, POLICE_CASEWORKER, NO_ORGANISATION)) {
            for (String path : List.of(
                    "/api/cases/" + id,
                    "/api/cases/" + id + "/timeline",
                    "/api/cases/" + id + "/record",
                    "/api/cases/" + id + "/attachments/00000000-0000-0000-0000-000000000001",
                    "/api/cases/" + id + "/letters/00000000-0000-0000-0000-000000000001/pdf")) {
                http.perform(get(path).header("Authorization", stranger))
                        .andExpect(status().isNotFound())
                        .andExpect(jsonPath("$.detail").value("There is no case with that id."));
            }
            http.perform(get("/api/caseload").header("Authorization", stranger))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.total").value(0));
        }
        http.perform(post("/api/cases/" + id + "/break-glass")
                        .header("Authorization", POLICE_MANAGER)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\": \"A suspect in our investigation\"}"))
                .andExpect(status().isNotFound());

        // the attempts are the council's to see, in its access log; the police's log says nothing of the case
        http.perform(get("/api/admin/access-log").param("caseId", id).header("Authorization", COUNCIL_OFFICER_FOR_DATA))
                .andExpect(jsonPath("$.entries[?(@.outcome == 'READ' && @.staff == 'mgr.jones')]")
                        .exists())
                .andExpect(jsonPath("$.entries[?(@.outcome == 'REFUSED' && @.staff == 'mgr.evans')]")
                        .exists());
        http.perform(get("/api/admin/access-log").param("caseId", id).header("Authorization", POLICE_OFFICER_FOR_DATA))
                .andExpect(jsonPath("$.entries").isEmpty());
    }

    /** The partnership's one Haven is run by its founder: only the founder's officers look after its projections. */
    @Test
    void onlyTheFoundersOfficersSeeAndRebuildTheProjections() throws Exception {
        for (String path : List.of("/api/admin/processors", "/api/admin/dead-letters")) {
            http.perform(get(path).header("Authorization", COUNCIL_OFFICER_FOR_DATA))
                    .andExpect(status().isOk());
            http.perform(get(path).header("Authorization", POLICE_OFFICER_FOR_DATA))
                    .andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.detail").value(containsString("Castle District Council")));
        }
        http.perform(post("/api/admin/processors/timeline/replay").header("Authorization", POLICE_OFFICER_FOR_DATA))
                .andExpect(status().isForbidden());
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /** A new API endpoint on a case fails here until the test above sends another organisation's staff to it. */
    @Test
    void everyApiEndpointOnACaseIsAmongThoseTriedAcrossOrganisations() {
        var endpoints = new java.util.TreeSet<String>();
        mappings.getHandlerMethods()
                .keySet()
                .forEach(info -> info.getPatternValues().stream()
                        .filter(pattern -> pattern.startsWith("/api/") && pattern.contains("{caseId}"))
                        .forEach(pattern -> info.getMethodsCondition()
                                .getMethods()
                                .forEach(method -> endpoints.add(method + " " + pattern))));
        assertThat(endpoints)
                .containsExactlyInAnyOrder(
                        "GET /api/cases/{caseId}",
                        "GET /api/cases/{caseId}/timeline",
                        "GET /api/cases/{caseId}/record",
                        "GET /api/cases/{caseId}/attachments/{fileId}",
                        "GET /api/cases/{caseId}/letters/{letterId}/pdf",
                        "GET /api/cases/{caseId}/referrals/{referralId}/pdf",
                        "POST /api/cases/{caseId}/break-glass");
    }

    @Test
    void aCaseFromBeforeThePartnershipIsTheFoundersAndEachOrganisationsOwnIsItsOwn() throws Exception {
        var old = new CaseStream(events);
        old.append(Reports.bullyingAtWork(old.caseId(), "HV-ORGS-02"))
                .append(new ReportRoutedToTeam(old.caseId(), "equality", null));
        var police = new CaseStream(events);
        police.append(Reports.bullyingAtWork(police.caseId(), "HV-ORGS-03"))
                .append(new ReportRoutedToTeam(police.caseId(), "equality", POLICE));

        awaitVisible(old.caseId(), COUNCIL_MANAGER);
        awaitVisible(police.caseId(), POLICE_MANAGER);
        http.perform(get("/api/cases/" + old.caseId()).header("Authorization", POLICE_MANAGER))
                .andExpect(status().isNotFound());
        http.perform(get("/api/cases/" + police.caseId()).header("Authorization", COUNCIL_MANAGER))
                .andExpect(status().isNotFound());
    }

    @Test
    void aDataProtectionOfficerSeesOnlyTheirOwnOrganisationsCasesDueForErasureByItsOwnPeriods() throws Exception {
        var closedLongAgo = new CaseStream(events);
        closedLongAgo
                .append(Reports.bullyingAtWork(closedLongAgo.caseId(), "HV-ORGS-04"))
                .append(new ReportRoutedToTeam(closedLongAgo.caseId(), "equality", POLICE))
                .append(
                        new CaseClosed(closedLongAgo.caseId(), "cw.patel"),
                        ZonedDateTime.now(ZoneOffset.UTC)
                                .minus(Period.ofYears(6))
                                .plusDays(10)
                                .toInstant());

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> http.perform(
                                get("/api/admin/retention/due").header("Authorization", POLICE_OFFICER_FOR_DATA))
                        .andExpect(jsonPath("$.cases[?(@.reference == 'HV-ORGS-04')]")
                                .exists()));
        var idleLongAgo = new CaseStream(events);
        Instant sixYearsAgo = ZonedDateTime.now(ZoneOffset.UTC)
                .minus(Period.ofYears(6))
                .plusDays(10)
                .toInstant();
        idleLongAgo
                .append(Reports.bullyingAtWork(idleLongAgo.caseId(), "HV-ORGS-05"), sixYearsAgo)
                .append(new ReportRoutedToTeam(idleLongAgo.caseId(), "equality", POLICE), sixYearsAgo);
        var housing = new CaseStream(events);
        housing.append(Reports.bullyingAtWork(housing.caseId(), "HV-ORGS-06"))
                .append(new ReportRoutedToTeam(housing.caseId(), "people", "castle-homes"))
                .append(
                        new CaseClosed(housing.caseId(), "ho.price"),
                        ZonedDateTime.now(ZoneOffset.UTC)
                                .minus(Period.ofYears(3))
                                .plusDays(10)
                                .toInstant());

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> http.perform(
                                get("/api/admin/retention/due").header("Authorization", POLICE_OFFICER_FOR_DATA))
                        .andExpect(jsonPath("$.cases[?(@.reference == 'HV-ORGS-05')]")
                                .exists()));
        // Castle Homes keeps records three years after closure, where the partnership keeps six
        http.perform(get("/api/admin/retention/due")
                        .header("Authorization", TestTokens.bearerOf("castle-homes", "dpo.hall", null, Role.ADMIN)))
                .andExpect(jsonPath("$.cases[?(@.reference == 'HV-ORGS-06')]").exists())
                .andExpect(jsonPath("$.cases[?(@.reference == 'HV-ORGS-04')]").doesNotExist());
        http.perform(get("/api/admin/retention/due").header("Authorization", COUNCIL_OFFICER_FOR_DATA))
                .andExpect(jsonPath("$.cases[?(@.reference == 'HV-ORGS-04')]").doesNotExist())
                .andExpect(jsonPath("$.cases[?(@.reference == 'HV-ORGS-05')]").doesNotExist())
                .andExpect(jsonPath("$.cases[?(@.reference == 'HV-ORGS-06')]").doesNotExist());
    }

    @Test
    void aReporterChoosesWhoToTellTheHateCrimeServiceFirstAndTheirEmployerForDignityAtWork() throws Exception {
        String page = http.perform(reportPage("type").param("type", "HATE_INCIDENT"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("Who do you want to tell?");
        assertThat(page.indexOf("Castle District Council"))
                .isPositive()
                .isLessThan(page.indexOf("Castleshire Police"))
                .isLessThan(page.indexOf("Castle Homes housing association"));

        http.perform(reportPage("who").param("type", "DIGNITY_AT_WORK"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Select your employer, or the organisation you work with")));
        http.perform(reportPage("who").param("type", "DIGNITY_AT_WORK").param("organisation", "nobody-we-know"))
                .andExpect(content().string(containsString("Select your employer, or the organisation you work with")));

        var check = reportPage("consent").param("_goto", "check").param("organisation", "castle-homes");
        Reports.COMPLETE_REPORT_FORM.forEach(check::param);
        http.perform(check)
                .andExpect(content().string(containsString("Who you are telling")))
                .andExpect(content().string(containsString("Castle Homes housing association")));
    }

    private static MockHttpServletRequestBuilder reportPage(String slug) {
        return post("/report/" + slug).param("_csrf", "t").cookie(new Cookie("__Host-XSRF-TOKEN", "t"));
    }

    private void awaitVisible(CaseId caseId, String bearer) {
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> http.perform(get("/api/cases/" + caseId).header("Authorization", bearer))
                        .andExpect(status().isOk()));
    }
}
