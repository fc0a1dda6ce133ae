package haven.command.cases;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import haven.command.ApiTest;
import haven.infra.security.Role;
import haven.infra.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** With Entra ID, a token's {@code sub} is not the staff id: the configured claim is, and exclusions follow it. */
@TestPropertySource(properties = "spring.security.oauth2.resourceserver.jwt.principal-claim-name=staff_id")
class StaffIdClaimTest extends ApiTest {

    @Test
    void aManagerNamedInTheReportIsRefusedWhateverTheirTokensSubject() throws Exception {
        String caseId = json.readTree(http.perform(post("/api/reports")
                                .contentType("application/json")
                                .content(ANONYMOUS_REPORT.replace(
                                        "\"namedParties\": []", "\"namedStaff\": [\"mgr.jones\"]")))
                        .andExpect(status().isCreated())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("caseId")
                .asText();

        String named = TestTokens.bearerWithStaffClaim(
                "b3Jn-0f-mgr-jones", "staff_id", "mgr.jones", "equality", Role.CASE_MANAGER);
        String colleague =
                TestTokens.bearerWithStaffClaim("mgr.jones", "staff_id", "mgr.ahmed", "equality", Role.CASE_MANAGER);
        postJson("/api/cases/" + caseId + "/triage", CaseLifecycleApiTest.TRIAGE, named)
                .andExpect(status().isNotFound());
        postJson("/api/cases/" + caseId + "/triage", CaseLifecycleApiTest.TRIAGE, colleague)
                .andExpect(status().isAccepted());
    }
}
