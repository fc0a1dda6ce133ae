package haven.command.referrals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.mongodb.client.model.Filters;
import haven.command.ApiTest;
import haven.infra.privacy.PersonalDataKeys;
import haven.infra.security.Role;
import haven.infra.security.TestTokens;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The council makes a redacted copy of a hate incident and refers it to the police, as the reporter
 * consented: the police get a case of their own holding only the categories and the copy, with the
 * passages the council hid masked, sealed under the police's key; neither can act on the other's
 * case; the police record their crime reference.
 */
@TestPropertySource(properties = "haven.partnership=demo")
class ReferralsApiTest extends ApiTest {

    static final String COUNCIL_MANAGER =
            TestTokens.bearerOf("castle-council", "mgr.jones", "equality", Role.CASE_MANAGER);
    static final String POLICE_MANAGER =
            TestTokens.bearerOf("castle-police", "sgt.evans", "hate-crime-unit", Role.CASE_MANAGER);
    static final String NOTE = """
            {"text": "Called the council's caseworker"}""";

    @Test
    void aConsentedReferralOpensAPoliceCaseHoldingOnlyWhatWasShared() throws Exception {
        String council = submitReport(ANONYMOUS_REPORT
                        .replace("What happened, in the reporter's words", "Dan Smith from number 4 threatened me")
                        .replace("\"consentToShare\": false", "\"consentToShare\": true"))
                .get("caseId")
                .asText();
        String referrals = "/api/cases/" + council + "/referrals";

        postJson(referrals, """
                        {"to": "castle-atlantis", "basis": "CONSENT"}""", COUNCIL_MANAGER)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("to"));
        postJson(referrals, """
                        {"to": "castle-police", "basis": "LAWFUL_BASIS"}""", COUNCIL_MANAGER)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("lawfulBasis"));
        postJson(referrals, """
                        {"to": "castle-police", "basis": "CONSENT"}""", POLICE_MANAGER).andExpect(status().isNotFound());

        String redactions = "/api/cases/" + council + "/redactions";
        postJson(redactions, """
                        {"hide": ["Dan Smith"]}""", COUNCIL_MANAGER)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("reason"));
        postJson(redactions, """
                        {"hide": [], "notes": ["7f1c8a52-3c1e-4c3b-9a51-2f6d0c9e8b11"], "reason": "Names"}""", COUNCIL_MANAGER).andExpect(status().isConflict());
        String noteId = json.readTree(postJson("/api/cases/" + council + "/notes", """
                                {"text": "Dan Smith's landlord called back"}""", COUNCIL_MANAGER)
                        .andExpect(status().isAccepted())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("noteId")
                .asText();
        String redactionId = json.readTree(postJson(redactions, """
                                {"hide": ["Dan Smith", "number 4"], "notes": ["%s"], "reason": "His name and address"}""".formatted(noteId), COUNCIL_MANAGER)
                        .andExpect(status().isCreated())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("redactionId")
                .asText();
        postJson(referrals, """
                        {"to": "castle-police", "basis": "CONSENT", "redactionId": "../x"}""", COUNCIL_MANAGER)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("redactionId"));
        postJson(referrals, """
                        {"to": "castle-police", "basis": "CONSENT", "redactionId": "7f1c8a52-3c1e-4c3b-9a51-2f6d0c9e8b11"}""", COUNCIL_MANAGER).andExpect(status().isConflict());

        String referralId = json.readTree(postJson(referrals, """
                                {"to": "castle-police", "basis": "CONSENT", "redactionId": "%s"}""".formatted(redactionId), COUNCIL_MANAGER)
                        .andExpect(status().isAccepted())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("referralId")
                .asText();
        postJson(referrals, """
                        {"to": "castle-police", "basis": "CONSENT"}""", COUNCIL_MANAGER).andExpect(status().isConflict());

        String police = Referrals.linkedCaseOf(referralId).value();
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(eventsOf(police))
                        .containsExactly("ReferralReceived", "ReportRoutedToTeam", "DeadlinesSet"));
        assertThat(eventsOf(council)).endsWith("CaseReferred");

        // what the police hold is sealed under their own key, and never the hidden names
        var received = storedEventsOf(database, police).get(0).toJson();
        assertThat(received).doesNotContain("Dan Smith", "number 4", "threatened", "landlord");
        assertThat(database.getCollection(PersonalDataKeys.COLLECTION)
                        .find(Filters.eq("_id", police))
                        .first())
                .containsEntry("org", "castle-police");

        postJson("/api/cases/" + police + "/notes", NOTE, POLICE_MANAGER).andExpect(status().isAccepted());
        postJson("/api/cases/" + police + "/police-report", """
                        {"crimeReference": "<script>", "classification": "CRIME"}""", POLICE_MANAGER)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("crimeReference"));
        postJson("/api/cases/" + police + "/police-report", """
                        {"crimeReference": "42/1234/26", "classification": "NON_CRIME_HATE_INCIDENT"}""", POLICE_MANAGER).andExpect(status().isNoContent());
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(eventsOf(police)).endsWith("PoliceReportRecorded"));
        assertThat(storedEventsOf(database, police)
                        .get(eventsOf(police).size() - 1)
                        .toJson())
                .doesNotContain("42/1234/26", "NON_CRIME");
        postJson("/api/cases/" + police + "/notes", NOTE, COUNCIL_MANAGER).andExpect(status().isNotFound());
        postJson("/api/cases/" + council + "/notes", NOTE, POLICE_MANAGER).andExpect(status().isNotFound());
    }
}
