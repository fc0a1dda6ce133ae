package haven.command.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.mongodb.client.model.Filters;
import haven.command.ApiTest;
import haven.infra.privacy.PersonalDataKeys;
import haven.infra.security.Role;
import haven.infra.security.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Closed cases lose their personal data when the retention period ends, on their own; a legal
 * hold keeps it until the hold is lifted.
 */
class RetentionPolicyTest extends ApiTest {

    static final String DPO = TestTokens.bearer("dpo.smith", null, Role.ADMIN);
    static final String TRIAGE = """
            {"category": "VERBAL_ABUSE", "characteristics": ["RACE"], "strands": ["RACE"], "risk": "LOW",
             "route": "INFORMAL_RESOLUTION"}""";

    @Autowired
    RetentionPolicy retention;

    @Test
    void personalDataIsErasedWhenTheRetentionPeriodEndsUnlessTheCaseIsHeld() throws Exception {
        String expiring = closedCase();
        String held = closedCase();
        postJson("/api/admin/cases/" + held + "/legal-hold", "{\"reason\": \"Employment tribunal claim lodged\"}", DPO)
                .andExpect(status().isNoContent());
        postJson("/api/admin/cases/" + held + "/erasure", "{\"reason\": \"ERASURE_REQUEST\"}", DPO)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("legal hold")));
        awaitScheduled(expiring, held);

        Instant afterSixYears = Instant.now()
                .atZone(ZoneId.of("Europe/London"))
                .plus(Period.ofYears(6))
                .plusDays(1)
                .toInstant();
        retention.sweep(Instant.now());
        assertThat(eventsOf(expiring)).doesNotContain("PersonalDataErased");

        retention.sweep(afterSixYears);
        assertThat(eventsOf(expiring)).endsWith("PersonalDataErased");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(keyOf(expiring)).isFalse());
        assertThat(eventsOf(held)).doesNotContain("PersonalDataErased");
        assertThat(keyOf(held)).isTrue();

        http.perform(delete("/api/admin/cases/" + held + "/legal-hold").header("Authorization", DPO))
                .andExpect(status().isNoContent());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            retention.sweep(afterSixYears);
            assertThat(eventsOf(held)).endsWith("PersonalDataErased");
        });
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(keyOf(held)).isFalse());
    }

    @Test
    void aCaseNeverClosedIsClosedAndErasedOnceIdleForTheInactivityPeriodUnlessHeld() throws Exception {
        String untriaged = caseIdOfNewReport();
        String resolved = caseIdOfNewReport();
        postJson("/api/cases/" + resolved + "/triage", TRIAGE).andExpect(status().isAccepted());
        postJson(
                        "/api/cases/" + resolved + "/resolution",
                        "{\"outcome\": \"RESOLVED_INFORMALLY\", \"summary\": \"Done\"}")
                .andExpect(status().isAccepted());
        String held = caseIdOfNewReport();
        postJson("/api/admin/cases/" + held + "/legal-hold", "{\"reason\": \"Police investigation\"}", DPO)
                .andExpect(status().isNoContent());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (String caseId : new String[] {untriaged, resolved, held}) {
                assertThat(database.getCollection(RetentionSchedule.COLLECTION)
                                .find(Filters.eq("_id", caseId))
                                .first())
                        .isNotNull()
                        .containsKey("lastActivityAt");
            }
            assertThat(database.getCollection(RetentionSchedule.COLLECTION)
                            .find(Filters.eq("_id", held))
                            .first())
                    .containsEntry("held", true);
        });
        var london = Instant.now().atZone(ZoneId.of("Europe/London"));

        retention.sweep(london.plus(Period.ofYears(5)).toInstant());
        assertThat(eventsOf(untriaged)).doesNotContain("PersonalDataErased");

        retention.sweep(london.plus(Period.ofYears(6)).plusDays(1).toInstant());
        assertThat(eventsOf(untriaged)).endsWith("CaseClosed", "PersonalDataErased");
        assertThat(eventsOf(resolved)).endsWith("CaseResolved", "CaseClosed", "PersonalDataErased");
        assertThat(eventsOf(held)).doesNotContain("PersonalDataErased");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(keyOf(untriaged) || keyOf(resolved)).isFalse());
        assertThat(keyOf(held)).isTrue();

        postJson("/api/admin/cases/" + held + "/erasure", "{\"reason\": \"NO_ACTIVITY_FOR_RETENTION_PERIOD\"}", DPO)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("reason"));
    }

    @Test
    void anErasedCaseTakesNoNewPersonalDataFromAnyoneAndNeverGetsANewKey() throws Exception {
        var report = submitAnonymousReport();
        String caseId = report.get("caseId").asText();
        postJson("/api/cases/" + caseId + "/triage", TRIAGE).andExpect(status().isAccepted());
        postJson(
                        "/api/cases/" + caseId + "/resolution",
                        "{\"outcome\": \"RESOLVED_INFORMALLY\", \"summary\": \"Done\"}")
                .andExpect(status().isAccepted());
        postJson("/api/cases/" + caseId + "/closure", "").andExpect(status().isNoContent());
        postJson("/api/admin/cases/" + caseId + "/erasure", "{\"reason\": \"ERASURE_REQUEST\"}", DPO)
                .andExpect(status().isNoContent());
        assertThat(keyOf(caseId)).isFalse();
        long stored = storedEventCount();

        postJson(
                        "/api/reporter/messages",
                        json.writeValueAsString(java.util.Map.of(
                                "reference",
                                report.get("reference").asText(),
                                "receipt",
                                report.get("receipt").asText(),
                                "text",
                                "Are you still there?")))
                .andExpect(status().isConflict())
                .andExpect(
                        jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("details have been deleted")));
        for (var attempt : java.util.Map.of(
                        "/notes", "{\"text\": \"A note\"}",
                        "/conflicts", "{\"caseworker\": \"cw.lee\", \"reason\": \"A friend of the reporter\"}",
                        "/messages", "{\"text\": \"Hello again\"}",
                        "/appeal", "{\"grounds\": \"The witness was never asked\"}",
                        "/reopening", "{\"reason\": \"New evidence\"}")
                .entrySet()) {
            postJson("/api/cases/" + caseId + attempt.getKey(), attempt.getValue())
                    .andExpect(status().isConflict())
                    .andExpect(jsonPath("$.detail")
                            .value(org.hamcrest.Matchers.containsString("details have been deleted")));
        }
        postJson("/api/admin/cases/" + caseId + "/legal-hold", "{\"reason\": \"Claim\"}", DPO)
                .andExpect(status().isConflict());
        postJson(
                        "/api/admin/cases/" + caseId + "/lifted-exclusions",
                        "{\"staffId\": \"cw.lee\", \"reason\": \"Wrong\"}",
                        DPO)
                .andExpect(status().isConflict());

        assertThat(storedEventCount()).isEqualTo(stored);
        assertThat(database.getCollection(PersonalDataKeys.COLLECTION)
                        .countDocuments(Filters.regex("_id", "^" + java.util.regex.Pattern.quote(caseId))))
                .isZero();
    }

    @Test
    void onlyTheDataProtectionOfficerHoldsACase() throws Exception {
        String caseId = closedCase();
        postJson("/api/admin/cases/" + caseId + "/legal-hold", "{\"reason\": \"Claim\"}")
                .andExpect(status().isForbidden());
        postJson("/api/admin/cases/" + caseId + "/legal-hold", "{\"reason\": \" \"}", DPO)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("reason"));
        http.perform(delete("/api/admin/cases/" + caseId + "/legal-hold").header("Authorization", DPO))
                .andExpect(status().isConflict());
    }

    private String closedCase() throws Exception {
        String caseId = caseIdOfNewReport();
        postJson("/api/cases/" + caseId + "/triage", TRIAGE).andExpect(status().isAccepted());
        postJson(
                        "/api/cases/" + caseId + "/resolution",
                        "{\"outcome\": \"RESOLVED_INFORMALLY\", \"summary\": \"Apology given\"}")
                .andExpect(status().isAccepted());
        postJson("/api/cases/" + caseId + "/closure", "").andExpect(status().isNoContent());
        return caseId;
    }

    private void awaitScheduled(String... caseIds) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (String caseId : caseIds) {
                assertThat(database.getCollection(RetentionSchedule.COLLECTION)
                                .find(Filters.eq("_id", caseId))
                                .first())
                        .isNotNull()
                        .containsKey("closedAt");
            }
        });
    }

    private boolean keyOf(String caseId) {
        return database.getCollection(PersonalDataKeys.COLLECTION)
                        .find(Filters.eq("_id", caseId))
                        .first()
                != null;
    }
}
