package haven.command.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.mongodb.client.model.Filters;
import haven.command.ApiTest;
import haven.command.cases.SubmitReport;
import haven.events.CaseId;
import haven.events.Category;
import haven.events.ContactPreference;
import haven.events.FollowUpKey;
import haven.events.LocationType;
import haven.events.ReportDetails;
import haven.events.ReportType;
import haven.events.ReporterRole;
import haven.infra.privacy.PersonalDataKeys;
import haven.infra.security.Role;
import haven.infra.security.TestTokens;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A housing association leaving the demo partnership (its file says {@code leaving: true}): it
 * takes no new reports, and its officer erases every case it holds, open or closed, except those
 * under legal hold; nobody else's cases are touched.
 */
@TestPropertySource(properties = "haven.partnership=classpath:/haven/leaving-partnership/partnership.yml")
class DepartureTest extends ApiTest {

    static final String HOMES_OFFICER = TestTokens.bearerOf("castle-homes", "dpo.ali", null, Role.ADMIN);
    static final String COUNCIL_OFFICER = TestTokens.bearerOf("castle-council", "dpo.smith", null, Role.ADMIN);
    static final String DEPART = "/api/admin/organisation/departure";

    @Autowired
    CommandGateway commands;

    @Test
    void aPartnerLeavingTakesNoNewReportsAndItsOfficerErasesAllItsCasesButThoseOnHold() throws Exception {
        postJson(
                        "/api/reports",
                        ANONYMOUS_REPORT
                                .replace("\"HATE_INCIDENT\"", "\"DIGNITY_AT_WORK\"")
                                .replace("\"VERBAL_ABUSE\"", "\"BULLYING\"")
                                .replace("\"CASTLE\"", "\"NOT_SURE\"")
                                .replace(
                                        "\"anonymous\": true",
                                        "\"organisation\": \"castle-homes\", \"anonymous\": true"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("organisation"))
                .andExpect(jsonPath("$.errors[0].reason").value("is leaving the partnership and takes no new reports"));

        String open = reportedToHomesBeforeItLeft();
        String held = reportedToHomesBeforeItLeft();
        String councils = caseIdOfNewReport();
        postJson("/api/admin/cases/" + held + "/legal-hold", "{\"reason\": \"Tenancy tribunal\"}", HOMES_OFFICER)
                .andExpect(status().isNoContent());
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(database.getCollection(RetentionSchedule.COLLECTION)
                                .find(Filters.eq("_id", held))
                                .first())
                        .containsEntry("held", true)
                        .containsEntry("organisation", "castle-homes"));

        postJson(DEPART, "{\"confirm\": \"castle-council\"}", COUNCIL_OFFICER)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("is not leaving")));
        postJson(DEPART, "{\"confirm\": \"castle-council\"}", HOMES_OFFICER)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("confirm"));

        postJson(DEPART, "{\"confirm\": \"castle-homes\"}", HOMES_OFFICER)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.erased").value(1))
                .andExpect(jsonPath("$.held").value(1));

        assertThat(eventsOf(open)).endsWith("CaseClosed", "PersonalDataErased");
        assertThat(keyOf(open)).isFalse();
        assertThat(eventsOf(held)).doesNotContain("PersonalDataErased");
        assertThat(keyOf(held)).isTrue();
        assertThat(eventsOf(councils)).doesNotContain("PersonalDataErased");
        assertThat(keyOf(councils)).isTrue();
    }

    /** A case it took while it was a partner like any other (its file now says it is leaving). */
    private String reportedToHomesBeforeItLeft() {
        var caseId = new CaseId(java.util.UUID.randomUUID().toString());
        var report = new ReportDetails(
                ReportType.DIGNITY_AT_WORK,
                Category.BULLYING,
                LocalDate.parse("2026-10-01"),
                LocationType.WORKPLACE,
                "NOT_SURE",
                Set.of(),
                ReporterRole.VICTIM,
                true,
                null,
                ContactPreference.FOLLOW_UP_ONLY,
                "My manager shouts at me in front of the team",
                List.of(),
                false,
                false);
        commands.sendAndWait(new SubmitReport(
                caseId, new FollowUpKey("HV-TEST-01", "$2a$04$x"), report, List.of(), "castle-homes", "people"));
        return caseId.value();
    }

    private boolean keyOf(String caseId) {
        return database.getCollection(PersonalDataKeys.COLLECTION)
                        .find(Filters.eq("_id", caseId))
                        .first()
                != null;
    }
}
