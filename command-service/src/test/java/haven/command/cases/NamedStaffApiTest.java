package haven.command.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import haven.command.ApiTest;
import haven.infra.security.AccessMatrix;
import haven.infra.security.Role;
import haven.infra.security.TestTokens;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Staff named in a report can do nothing to the case and learn nothing of it: every command on
 * a case answers them exactly as it answers for a case that does not exist.
 */
class NamedStaffApiTest extends ApiTest {

    /** A valid request to every command endpoint on a case, so that only the case decides. */
    static final Map<String, String> VALID_BODIES = Map.ofEntries(
            Map.entry("/triage", CaseLifecycleApiTest.TRIAGE),
            Map.entry("/assignment", "{\"caseworker\": \"cw.patel\", \"team\": \"equality\"}"),
            Map.entry("/conflicts", "{\"caseworker\": \"cw.patel\", \"reason\": \"Line manages the reporter\"}"),
            Map.entry("/named-staff", "{\"staffId\": \"cw.patel\"}"),
            Map.entry("/notes", "{\"text\": \"Spoke to the witness\"}"),
            Map.entry(
                    "/actions",
                    "{\"description\": \"Ask for CCTV\", \"owner\": \"cw.patel\", \"due\": \""
                            + LocalDate.now().plusDays(7) + "\"}"),
            Map.entry("/actions/{actionId}/completion", ""),
            Map.entry("/messages", "{\"text\": \"We are looking into it\"}"),
            Map.entry("/attachments", EVIDENCE_FILE),
            Map.entry("/messages-read", ""),
            Map.entry("/resolution", CaseLifecycleApiTest.RESOLUTION),
            Map.entry("/closure", ""),
            Map.entry("/appeal", "{\"grounds\": \"The witness was never asked\"}"),
            Map.entry("/appeal/hearer", "{\"hearer\": \"mgr.ahmed\"}"),
            Map.entry("/appeal/decision", "{\"outcome\": \"DISMISSED\", \"reasons\": \"The witness was asked\"}"),
            Map.entry("/reopening", "{\"reason\": \"New evidence\"}"),
            Map.entry(
                    "/meetings",
                    "{\"kind\": \"FORMAL_HEARING\", \"startsAt\": \"2099-01-05T10:00\", \"place\": \"Room 4\", \"attendees\": [\"mgr.jones\"], \"companion\": {\"role\": \"COLLEAGUE\", \"name\": \"A. Friend\"}}"),
            Map.entry("/meetings/{meetingId}/adjournment", "{\"reason\": \"The representative is ill\"}"),
            Map.entry(
                    "/meetings/{meetingId}/notes", "{\"notes\": \"Both accounts heard\", \"shareWithReporter\": true}"),
            Map.entry("/meetings/{meetingId}/sharing", ""),
            Map.entry(
                    "/letters",
                    "{\"kind\": \"ACKNOWLEDGEMENT\", \"text\": \"Dear reporter, thank you for your report.\"}"),
            Map.entry("/respondents", "{\"name\": \"D. Smith\", \"relationship\": \"MANAGER\"}"),
            Map.entry("/respondents/{respondentId}/steps", "{\"step\": \"INFORMED\"}"),
            Map.entry(
                    "/referrals",
                    "{\"to\": \"council\", \"basis\": \"LAWFUL_BASIS\", \"lawfulBasis\": \"Risk to life\"}"),
            Map.entry("/redactions", "{\"hide\": [\"a name\"], \"reason\": \"Their name\"}"),
            Map.entry("/police-report", "{\"crimeReference\": \"42/1234/26\", \"classification\": \"CRIME\"}"));

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void aManagerNamedInTheReportIsAnsweredAsIfTheCaseDidNotExist() throws Exception {
        String caseId = json.readTree(http.perform(
                                org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/reports")
                                        .contentType("application/json")
                                        .content(ANONYMOUS_REPORT.replace(
                                                "\"namedParties\": []",
                                                "\"namedParties\": [\"My manager\"], \"namedStaff\": [\"MGR.Jones\"]")))
                        .andExpect(status().isCreated())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("caseId")
                .asText();
        assertThat(eventsOf(caseId))
                .containsExactly("ReportSubmitted", "ReportRoutedToTeam", "StaffMemberNamed", "DeadlinesSet");

        var endpoints = AccessMatrix.endpoints(mappings).stream()
                .filter(e -> e.startsWith("POST /api/cases/{caseId}"))
                .map(e -> e.substring("POST /api/cases/{caseId}".length()))
                .toList();
        assertThat(VALID_BODIES.keySet())
                .as("a valid body for every command on a case")
                .containsExactlyInAnyOrderElementsOf(endpoints);

        for (String endpoint : endpoints) {
            String path = endpoint.replace("{actionId}", "a-1")
                    .replace("{meetingId}", "m-1")
                    .replace("{respondentId}", "r-1");
            String unknown = UUID.randomUUID().toString();
            MvcResult aboutNamedCase = postJson("/api/cases/" + caseId + path, VALID_BODIES.get(endpoint))
                    .andReturn();
            MvcResult aboutNoCase = postJson("/api/cases/" + unknown + path, VALID_BODIES.get(endpoint))
                    .andReturn();
            assertThat(aboutNamedCase.getResponse().getStatus())
                    .as(endpoint)
                    .isEqualTo(404)
                    .isEqualTo(aboutNoCase.getResponse().getStatus());
            assertThat(aboutNamedCase.getResponse().getContentAsString().replace(caseId, "ID"))
                    .as(endpoint)
                    .isEqualTo(aboutNoCase.getResponse().getContentAsString().replace(unknown, "ID"));
        }
        assertThat(eventsOf(caseId))
                .containsExactly("ReportSubmitted", "ReportRoutedToTeam", "StaffMemberNamed", "DeadlinesSet");

        String colleague = TestTokens.bearer("mgr.ahmed", "equality", Role.CASE_MANAGER);
        postJson("/api/cases/" + caseId + "/triage", CaseLifecycleApiTest.TRIAGE, colleague)
                .andExpect(status().isAccepted());
        postJson("/api/cases/" + caseId + "/named-staff", "{\"staffId\": \"cw.lee\"}", colleague)
                .andExpect(status().isNoContent());
        postJson(
                        "/api/cases/" + caseId + "/assignment",
                        "{\"caseworker\": \"cw.lee\", \"team\": \"equality\"}",
                        colleague)
                .andExpect(status().isConflict());
        postJson("/api/cases/" + caseId + "/named-staff", "{\"staffId\": \"not a staff id\"}", colleague)
                .andExpect(status().isBadRequest());
    }
}
