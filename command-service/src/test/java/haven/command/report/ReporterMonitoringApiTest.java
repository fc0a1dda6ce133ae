package haven.command.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.mongodb.client.model.Filters;
import haven.command.ApiTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * A reporter answers the optional equality monitoring questions once: the case keeps only that they
 * did; the answers are stored apart, naming no case, no reference and no reporter.
 */
class ReporterMonitoringApiTest extends ApiTest {

    @Test
    void theAnswersAreStoredApartFromTheCaseOnceAndOnlyAsAsked() throws Exception {
        var report = submitAnonymousReport();
        String caseId = report.get("caseId").asText();
        String reference = report.get("reference").asText();
        String receipt = report.get("receipt").asText();
        String answers = """
                {"reference": "%s", "receipt": "%s", "answers": %s}""";

        postJson("/api/reporter/monitoring", answers.formatted(reference, receipt, """
                        {"AGE": "FROM_25_TO_34", "ETHNICITY": "Klingon"}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("answers.ETHNICITY"));
        postJson("/api/reporter/monitoring", answers.formatted(reference, receipt, """
                        {"SHOE_SIZE": "9"}"""))
                .andExpect(status().isBadRequest());
        postJson("/api/reporter/monitoring", answers.formatted(reference, "0000 0000 0000 0000", "{}"))
                .andExpect(status().isNotFound());
        assertThat(eventsOf(caseId)).doesNotContain("MonitoringReturned");

        postJson("/api/reporter/monitoring", answers.formatted(reference, receipt, """
                        {"AGE": "FROM_25_TO_34", "RELIGION": "MUSLIM", "SEXUAL_ORIENTATION": "PREFER_NOT_TO_SAY"}"""))
                .andExpect(status().isAccepted());
        postJson("/api/reporter/monitoring", answers.formatted(reference, receipt, "{}"))
                .andExpect(status().isConflict());

        assertThat(eventsOf(caseId)).endsWith("MonitoringReturned");
        Document stored = database.getCollection("events")
                .find(Filters.eq("payloadType", "haven.events.EqualityMonitoringReturned"))
                .first();
        assertThat(stored).isNotNull();
        assertThat(stored.toJson())
                .contains("FROM_25_TO_34", "MUSLIM", "PREFER_NOT_TO_SAY", "HATE_INCIDENT")
                .doesNotContain(caseId, reference, "ETHNICITY");
    }
}
