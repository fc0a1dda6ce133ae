package haven.command.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import haven.command.ApiTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "haven.snapshot-threshold=3")
class CaseSnapshotTest extends ApiTest {

    @Test
    void aBusyCaseIsSnapshottedAndStillObeysItsRulesWhenLoadedFromTheSnapshot() throws Exception {
        String caseId = caseIdOfNewReport();
        String c = "/api/cases/" + caseId;
        postJson(c + "/triage", """
                {"category": "HARASSMENT", "risk": "LOW", "route": "INFORMAL_RESOLUTION"}""").andExpect(status().isAccepted());
        for (int i = 0; i < 4; i++) {
            postJson(c + "/notes", "{\"text\": \"Follow-up call " + i + "\"}").andExpect(status().isAccepted());
        }

        Document snapshot = database.getCollection("snapshots")
                .find(new Document("_id", caseId))
                .first();
        assertThat(snapshot).isNotNull();
        assertThat(snapshot.getLong("sequenceNumber")).isGreaterThanOrEqualTo(2L);

        // loaded from the snapshot: triaged, so it can be resolved, and then only once
        postJson(c + "/resolution", """
                {"outcome": "RESOLVED_INFORMALLY", "summary": "Agreed ways of working"}""").andExpect(status().isAccepted());
        postJson(c + "/resolution", """
                {"outcome": "RESOLVED_INFORMALLY", "summary": "Again"}""").andExpect(status().isConflict());
    }
}
