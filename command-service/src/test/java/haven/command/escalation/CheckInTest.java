package haven.command.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import haven.command.ApiTest;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** Six weeks after closure the sweep asks the reporter once; their answer that they were victimised reopens the case. */
@TestPropertySource(properties = {"haven.escalation.sweep-every=PT1H", "haven.check-in-after=P42D"})
class CheckInTest extends ApiTest {

    @Autowired
    EscalationSweep sweep;

    @Test
    void theReporterIsAskedOnceSixWeeksAfterClosureAndTheirAnswerReopensTheCase() throws Exception {
        var report = submitAnonymousReport();
        String caseId = report.get("caseId").asText();
        String c = "/api/cases/" + caseId;
        postJson(c + "/triage", """
                {"category": "VERBAL_ABUSE", "risk": "LOW", "route": "INFORMAL_RESOLUTION"}""").andExpect(status().isAccepted());
        postJson(c + "/resolution", """
                {"outcome": "RESOLVED_INFORMALLY", "summary": "Spoke to the driver"}""").andExpect(status().isAccepted());
        postJson(c + "/closure", "").andExpect(status().isNoContent());
        String answer = json.createObjectNode()
                .put("reference", report.get("reference").asText())
                .put("receipt", report.get("receipt").asText())
                .put("victimised", true)
                .put("details", "Left off the rota since I reported")
                .toString();
        postJson("/api/reporter/check-in", answer)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("There is no check-in waiting for your answer"));

        LocalDate closedOn = LocalDate.now(ZoneId.of("Europe/London"));
        awaitFiled();
        sweep.sweep(closedOn.plusDays(42)); // due that day: not yet
        assertThat(eventsOf(caseId)).doesNotContain("CheckInSent");
        sweep.sweep(closedOn.plusDays(43));
        sweep.sweep(closedOn.plusDays(44));
        assertThat(eventsOf(caseId)).filteredOn("CheckInSent"::equals).hasSize(1);

        postJson("/api/reporter/check-in", answer).andExpect(status().isAccepted());
        assertThat(eventsOf(caseId)).endsWith("CheckInAnswered", "CaseReopened", "DeadlinesSet");
        // reopened, its deadlines are watched again for its own team, whose managers are told when one passes
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .untilAsserted(() -> {
                    var row = database.getCollection(EscalationWatch.CASES)
                            .find(new org.bson.Document("_id", caseId))
                            .first();
                    assertThat(row).isNotNull();
                    assertThat(row.getString("team")).isEqualTo("equality");
                    assertThat(row.get("due", org.bson.Document.class)).containsKey("RESOLUTION_OVERDUE");
                });
    }

    /** The watch has filed the closed case's check-in (it follows the events a moment behind). */
    private void awaitFiled() {
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> database.getCollection(EscalationWatch.CASES)
                                .find(new org.bson.Document(
                                        EscalationWatch.CHECK_IN, new org.bson.Document("$exists", true)))
                                .first()
                        != null);
    }
}
