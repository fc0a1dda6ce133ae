package haven.command.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import haven.command.ApiTest;
import haven.infra.council.UkCalendar;
import haven.infra.council.WorkingDays;
import haven.infra.security.Role;
import haven.infra.security.TestTokens;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The command-service in a partnership of three organisations (the bundled demo): a report reaches
 * the partner it is for, and every action on a case by another organisation's staff is the same 404
 * as a case that does not exist, whatever their role or team, and changes nothing.
 */
@TestPropertySource(properties = "haven.partnership=demo")
class OrganisationsApiTest extends ApiTest {

    static final String COUNCIL_MANAGER =
            TestTokens.bearerOf("castle-council", "mgr.jones", "equality", Role.CASE_MANAGER);
    static final String POLICE_MANAGER =
            TestTokens.bearerOf("castle-police", "mgr.evans", "equality", Role.CASE_MANAGER, Role.CASEWORKER);
    static final String POLICE_UNIT_MANAGER =
            TestTokens.bearerOf("castle-police", "mgr.evans", "hate-crime-unit", Role.CASE_MANAGER);
    static final String POLICE_OFFICER_FOR_DATA = TestTokens.bearerOf("castle-police", "dpo.morgan", null, Role.ADMIN);

    static final String NOTE = """
            {"text": "Spoke to the bus operator"}""";

    @Test
    void aHateIncidentGoesToTheHateCrimeServiceAndNoOtherPartnerCanTouchIt() throws Exception {
        String caseId = caseIdOfNewReport();

        for (String stranger : List.of(POLICE_MANAGER, POLICE_UNIT_MANAGER, MANAGER)) {
            postJson("/api/cases/" + caseId + "/notes", NOTE, stranger)
                    .andExpect(status().isNotFound())
                    .andExpect(jsonPath("$.detail").value("There is no case with that id."));
            postJson("/api/cases/" + caseId + "/assignment", """
                    {"caseworker": "mgr.evans", "team": "equality"}""", stranger).andExpect(status().isNotFound());
        }
        postJson("/api/admin/cases/" + caseId + "/legal-hold", """
                {"reason": "Evidence for a police investigation"}""", POLICE_OFFICER_FOR_DATA)
                .andExpect(status().isNotFound());
        assertThat(eventsOf(caseId)).containsExactly("ReportSubmitted", "ReportRoutedToTeam", "DeadlinesSet");

        postJson("/api/cases/" + caseId + "/notes", NOTE, COUNCIL_MANAGER).andExpect(status().isAccepted());
    }

    /** A valid body for every endpoint on a case; a new endpoint fails the test below until it has one here. */
    static final Map<String, String> BODIES = Map.ofEntries(
            Map.entry("POST /api/cases/{caseId}/triage", """
                    {"category": "VERBAL_ABUSE", "risk": "LOW", "route": "INFORMAL_RESOLUTION"}"""),
            Map.entry("POST /api/cases/{caseId}/assignment", """
                    {"caseworker": "mgr.evans", "team": "equality"}"""),
            Map.entry("POST /api/cases/{caseId}/conflicts", """
                    {"caseworker": "mgr.evans", "reason": "Knows the reporter"}"""),
            Map.entry("POST /api/cases/{caseId}/named-staff", """
                    {"staffId": "x.other"}"""),
            Map.entry("POST /api/cases/{caseId}/notes", NOTE),
            Map.entry("POST /api/cases/{caseId}/actions", """
                    {"description": "Meet", "owner": "mgr.evans", "due": "2099-01-01"}"""),
            Map.entry("POST /api/cases/{caseId}/actions/{actionId}/completion", ""),
            Map.entry("POST /api/cases/{caseId}/messages", """
                    {"text": "We are looking into it"}"""),
            Map.entry("POST /api/cases/{caseId}/messages-read", ""),
            Map.entry("POST /api/cases/{caseId}/attachments", EVIDENCE_FILE),
            Map.entry("POST /api/cases/{caseId}/resolution", """
                    {"outcome": "RESOLVED_INFORMALLY", "summary": "Agreed a way forward"}"""),
            Map.entry("POST /api/cases/{caseId}/closure", ""),
            Map.entry("POST /api/cases/{caseId}/referrals", """
                    {"to": "castle-homes", "basis": "LAWFUL_BASIS", "lawfulBasis": "Risk to life"}"""),
            Map.entry("POST /api/cases/{caseId}/redactions", """
                    {"hide": ["a name"], "reason": "Their name"}"""),
            Map.entry("POST /api/cases/{caseId}/police-report", """
                    {"crimeReference": "42/1234/26", "classification": "CRIME"}"""),
            Map.entry("POST /api/cases/{caseId}/appeal", """
                    {"grounds": "The witness was never asked"}"""),
            Map.entry("POST /api/cases/{caseId}/appeal/hearer", """
                    {"hearer": "mgr.ahmed"}"""),
            Map.entry("POST /api/cases/{caseId}/appeal/decision", """
                    {"outcome": "DISMISSED", "reasons": "The witness was asked"}"""),
            Map.entry("POST /api/cases/{caseId}/reopening", """
                    {"reason": "New evidence"}"""),
            Map.entry("POST /api/cases/{caseId}/meetings", """
                    {"kind": "FORMAL_HEARING", "startsAt": "2099-01-05T10:00", "place": "Room 4", "attendees": ["mgr.jones"], "companion": {"role": "COLLEAGUE", "name": "A. Friend"}}"""),
            Map.entry("POST /api/cases/{caseId}/meetings/{meetingId}/adjournment", """
                    {"reason": "The representative is ill"}"""),
            Map.entry("POST /api/cases/{caseId}/meetings/{meetingId}/notes", """
                    {"notes": "Both accounts heard", "shareWithReporter": true}"""),
            Map.entry("POST /api/cases/{caseId}/meetings/{meetingId}/sharing", ""),
            Map.entry("POST /api/cases/{caseId}/letters", """
                    {"kind": "ACKNOWLEDGEMENT", "text": "Dear reporter, thank you for your report."}"""),
            Map.entry("POST /api/cases/{caseId}/respondents", """
                    {"name": "D. Smith", "role": "Shift supervisor", "relationship": "MANAGER"}"""),
            Map.entry("POST /api/cases/{caseId}/respondents/{respondentId}/steps", """
                    {"step": "INFORMED"}"""),
            Map.entry("POST /api/admin/cases/{caseId}/erasure", """
                    {"reason": "ERASURE_REQUEST"}"""),
            Map.entry("POST /api/admin/cases/{caseId}/legal-hold", """
                    {"reason": "Evidence for a police investigation"}"""),
            Map.entry("POST /api/admin/cases/{caseId}/lifted-exclusions", """
                    {"staffId": "x.someone", "reason": "Named to keep them away"}"""),
            Map.entry("DELETE /api/admin/cases/{caseId}/legal-hold", ""));

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /**
     * Every endpoint on a case, from the handler mappings, sent by another organisation's staff with
     * every role: the answer is the answer for a case that does not exist, and nothing is stored.
     */
    @Test
    void everyActionOnAnotherOrganisationsCaseIsAnsweredAsForNoCase() throws Exception {
        String caseId = caseIdOfNewReport();
        String unknown = java.util.UUID.randomUUID().toString();
        String everyRole = TestTokens.bearerOf("castle-police", "mgr.evans", "equality", Role.values());
        var endpoints = new java.util.TreeSet<String>();
        mappings.getHandlerMethods()
                .keySet()
                .forEach(info -> info.getPatternValues().stream()
                        .filter(pattern -> pattern.contains("{caseId}"))
                        .forEach(pattern -> info.getMethodsCondition()
                                .getMethods()
                                .forEach(method -> endpoints.add(method + " " + pattern))));
        assertThat(BODIES.keySet()).as("a body for every endpoint on a case").containsAll(endpoints);

        for (String endpoint : endpoints) {
            String method = endpoint.split(" ")[0];
            String template = endpoint.split(" ")[1];
            var answers = new java.util.ArrayList<String>();
            for (String id : List.of(caseId, unknown)) {
                var response = (BODIES.get(endpoint).equals(EVIDENCE_FILE)
                                ? postJson(template.replace("{caseId}", id), EVIDENCE_FILE, everyRole)
                                : http.perform(request(
                                                org.springframework.http.HttpMethod.valueOf(method),
                                                template,
                                                id,
                                                "a-1")
                                        .header("Authorization", everyRole)
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .content(BODIES.get(endpoint))))
                        .andReturn()
                        .getResponse();
                answers.add(response.getStatus() + " "
                        + response.getContentAsString().replace(id, "{caseId}"));
            }
            assertThat(answers.get(0)).as(endpoint).isEqualTo(answers.get(1)).startsWith("404");
        }
        assertThat(eventsOf(caseId)).containsExactly("ReportSubmitted", "ReportRoutedToTeam", "DeadlinesSet");
    }

    @Test
    void aReporterCanTellANamedPartnerWhoseIntakeTeamAloneReceivesIt() throws Exception {
        String caseId = reportedToThePolice();

        postJson("/api/cases/" + caseId + "/notes", NOTE, COUNCIL_MANAGER).andExpect(status().isNotFound());
        postJson("/api/cases/" + caseId + "/notes", NOTE, POLICE_UNIT_MANAGER).andExpect(status().isAccepted());
    }

    /** The police's file sets its own service levels (HIGH: first contact the next day, resolved in 10); the council's are the partnership's. */
    @Test
    void eachPartnerTriagesToItsOwnServiceLevels() throws Exception {
        String police = reportedToThePolice();
        String council = caseIdOfNewReport();
        String triage = """
                {"category": "THREATS", "risk": "HIGH", "route": "FORMAL_INVESTIGATION"}""";
        var received = java.time.LocalDate.now(java.time.ZoneId.of("Europe/London"));
        var workingDays = new WorkingDays(UkCalendar.ENGLAND_AND_WALES);

        // the police contact a high-risk victim the day they report, and resolve in 10 working days
        postJson("/api/cases/" + police + "/triage", triage, POLICE_UNIT_MANAGER)
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.firstContactDue").value(received.toString()))
                .andExpect(jsonPath("$.resolutionDue")
                        .value(workingDays.after(received, 10).toString()));
        postJson("/api/cases/" + council + "/triage", triage, COUNCIL_MANAGER)
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.resolutionDue")
                        .value(workingDays.after(received, 20).toString()));
    }

    @Test
    void aDignityAtWorkReportNamesTheEmployerAmongThePartners() throws Exception {
        String dignityAtWork = ANONYMOUS_REPORT
                .replace("\"HATE_INCIDENT\"", "\"DIGNITY_AT_WORK\"")
                .replace("\"VERBAL_ABUSE\"", "\"BULLYING\"")
                .replace("\"PUBLIC_TRANSPORT\"", "\"WORKPLACE\"")
                .replace("\"CASTLE\"", "\"NOT_SURE\"");
        report(dignityAtWork)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("organisation"));
        report(dignityAtWork.replace("\"VICTIM\",", "\"VICTIM\", \"organisation\": \"nobody-we-know\","))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("organisation"));
        report(dignityAtWork.replace("\"VICTIM\",", "\"VICTIM\", \"organisation\": \"castle-homes\","))
                .andExpect(status().isCreated());

        // Castle Homes has its own directorates: its staff place a report in those, not the council's
        String toHomes = dignityAtWork.replace("\"VICTIM\",", "\"VICTIM\", \"organisation\": \"castle-homes\",");
        report(toHomes.replace("\"NOT_SURE\"", "\"HOMES-REPAIRS\"")).andExpect(status().isCreated());
        report(toHomes.replace("\"NOT_SURE\"", "\"ADULTS\""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("area"));
        report(dignityAtWork
                        .replace("\"VICTIM\",", "\"VICTIM\", \"organisation\": \"castle-council\",")
                        .replace("\"NOT_SURE\"", "\"ADULTS\""))
                .andExpect(status().isCreated());
    }

    @Autowired
    haven.command.retention.RetentionPolicy retention;

    /** Castle Homes keeps a closed case's personal data three years, where the partnership keeps six. */
    @Test
    void theRetentionPolicyErasesEachOrganisationsCasesByItsOwnPeriod() throws Exception {
        String homes = TestTokens.bearerOf("castle-homes", "hm.ali", "people", Role.CASE_MANAGER);
        String housingCase = closedCase(
                ANONYMOUS_REPORT
                        .replace("\"HATE_INCIDENT\"", "\"DIGNITY_AT_WORK\"")
                        .replace("\"VERBAL_ABUSE\"", "\"BULLYING\"")
                        .replace("\"CASTLE\"", "\"NOT_SURE\"")
                        .replace("\"VICTIM\",", "\"VICTIM\", \"organisation\": \"castle-homes\","),
                homes);
        String councilCase = closedCase(ANONYMOUS_REPORT, COUNCIL_MANAGER);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(database.getCollection("retention_schedule")
                                .countDocuments(com.mongodb.client.model.Filters.and(
                                        com.mongodb.client.model.Filters.in("_id", housingCase, councilCase),
                                        com.mongodb.client.model.Filters.exists("closedAt"))))
                        .isEqualTo(2));

        retention.sweep(java.time.ZonedDateTime.now().plusYears(3).plusDays(2).toInstant());

        assertThat(eventsOf(housingCase)).endsWith("PersonalDataErased");
        assertThat(eventsOf(councilCase)).doesNotContain("PersonalDataErased");
    }

    private String closedCase(String report, String manager) throws Exception {
        String caseId = submitReport(report).get("caseId").asText();
        postJson("/api/cases/" + caseId + "/triage", """
                {"category": "BULLYING", "risk": "LOW", "route": "INFORMAL_RESOLUTION"}""", manager).andExpect(status().isAccepted());
        postJson("/api/cases/" + caseId + "/resolution", """
                {"outcome": "RESOLVED_INFORMALLY", "summary": "Apology given"}""", manager).andExpect(status().isAccepted());
        postJson("/api/cases/" + caseId + "/closure", "", manager).andExpect(status().isNoContent());
        return caseId;
    }

    /** An anonymous hate incident the reporter chose to tell the police about. */
    private String reportedToThePolice() throws Exception {
        return submitReport(ANONYMOUS_REPORT.replace("\"VICTIM\",", "\"VICTIM\", \"organisation\": \"castle-police\","))
                .get("caseId")
                .asText();
    }

    private ResultActions report(String body) throws Exception {
        return http.perform(
                post("/api/reports").contentType(MediaType.APPLICATION_JSON).content(body));
    }
}
