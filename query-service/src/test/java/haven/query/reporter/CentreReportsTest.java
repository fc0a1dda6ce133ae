package haven.query.reporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import haven.events.CaseId;
import haven.events.CaseTriaged;
import haven.events.Category;
import haven.events.IntakeChannel;
import haven.events.ReportRecordedOnBehalf;
import haven.events.RiskLevel;
import haven.events.Route;
import haven.infra.security.Role;
import haven.infra.security.TestTokens;
import haven.query.CaseStream;
import haven.query.PageLogin;
import haven.query.QueryServiceTest;
import haven.query.Reports;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** A reporting centre sees where the reports it recorded stand, and nothing more: not others', not what they say. */
@QueryServiceTest(database = "reporter-tests")
class CentreReportsTest {

    static final String LIBRARY = TestTokens.bearer("vol.okoro", "central-library", Role.REPORTING_CENTRE);

    @Autowired
    MockMvc http;

    @Autowired
    EventStore events;

    @Autowired
    ObjectMapper json;

    @Test
    void theCentreFollowsTheStatusOfItsOwnReportsOnly() throws Exception {
        String reference = "HV-" + UUID.randomUUID().toString().substring(0, 4).toUpperCase() + "-CR";
        var recorded = new CaseStream(events);
        recorded.append(Reports.bullyingAtWork(recorded.caseId(), reference))
                .append(new ReportRecordedOnBehalf(
                        recorded.caseId(), IntakeChannel.REPORTING_CENTRE, "vol.okoro", "central-library", false));
        var byPhone = new CaseStream(events);
        byPhone.append(Reports.bullyingAtWork(byPhone.caseId(), "HV-PHON-E1"))
                .append(new ReportRecordedOnBehalf(byPhone.caseId(), IntakeChannel.PHONE, "cw.patel", null, true));

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(mine(reference)).isNotNull());
        assertThat(mine(reference).get("status").asText()).isEqualTo("Received");
        assertThat(mine(reference).get("type").asText()).isEqualTo("DIGNITY_AT_WORK");
        assertThat(mine(reference).size())
                .as("reference, when, type and status only")
                .isEqualTo(4);
        assertThat(mine("HV-PHON-E1")).as("recorded by staff, not the centre").isNull();

        recorded.append(triage(recorded.caseId()));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> assertThat(mine(reference).get("status").asText()).isEqualTo("Being looked into"));

        String page = http.perform(
                        get("/centre").with(PageLogin.as("vol.okoro", "central-library", Role.REPORTING_CENTRE)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains("Central Library", reference, "Being looked into")
                .doesNotContain("HV-PHON-E1");

        http.perform(get("/api/centre/reports")
                        .header(
                                "Authorization",
                                TestTokens.bearer("vol.okoro", "no-such-centre", Role.REPORTING_CENTRE)))
                .andExpect(status().isForbidden());
        http.perform(get("/api/cases/{caseId}/record", recorded.caseId().value())
                        .header("Authorization", LIBRARY))
                .andExpect(status().isForbidden());
    }

    private JsonNode mine(String reference) throws Exception {
        JsonNode reports = json.readTree(http.perform(get("/api/centre/reports").header("Authorization", LIBRARY))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        for (JsonNode report : reports) {
            if (report.get("reference").asText().equals(reference)) {
                return report;
            }
        }
        return null;
    }

    private static CaseTriaged triage(CaseId caseId) {
        return new CaseTriaged(
                caseId,
                Category.BULLYING,
                Set.of(),
                Set.of(),
                RiskLevel.LOW,
                Route.INFORMAL_RESOLUTION,
                null,
                null,
                "mgr.jones",
                null);
    }
}
