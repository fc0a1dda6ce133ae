package haven.query.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import haven.events.CaseId;
import haven.events.CaseTriaged;
import haven.events.CaseworkerAssigned;
import haven.events.Category;
import haven.events.ContactPreference;
import haven.events.LocationType;
import haven.events.ReportSubmitted;
import haven.events.ReportType;
import haven.events.Reporter;
import haven.events.ReporterRole;
import haven.events.RiskLevel;
import haven.events.Route;
import haven.infra.eventstore.HavenEventStorageEngine;
import haven.query.CaseStream;
import haven.query.QueryServiceTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.test.web.servlet.MockMvc;

@QueryServiceTest(database = "metrics-tests", properties = "haven.metrics.measure-every=200ms")
@AutoConfigureObservability
class ServiceMetricsTest {

    static final String CANARY = "Qwertyna Canarysdottir";

    @Autowired
    MockMvc http;

    @Autowired
    EventStore events;

    @Autowired
    HavenEventStorageEngine store;

    @Autowired
    ProjectionLag projectionLag;

    @Test
    void operatorsSeeOpenAndOverdueCasesAndProjectionLagWithNothingPersonal() throws Exception {
        var waiting = new CaseStream(events);
        waiting.append(submitted(waiting.caseId()));
        var overdue = new CaseStream(events);
        overdue.append(submitted(overdue.caseId()));
        overdue.append(new CaseTriaged(
                overdue.caseId(),
                Category.THREATS,
                Set.of(),
                Set.of(),
                RiskLevel.HIGH,
                Route.FORMAL_INVESTIGATION,
                LocalDate.parse("2020-01-02"),
                LocalDate.parse("2020-02-01"),
                "cw.canary",
                null));
        overdue.append(new CaseworkerAssigned(overdue.caseId(), "cw.canary", "team-canary", "mgr.canary"));

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> assertThat(prometheus())
                                .containsPattern(
                                        "haven_cases_open\\{application=\"query-service\",risk=\"UNTRIAGED\",status=\"SUBMITTED\"} [1-9]") // the other test adds one
                                .contains(
                                        "haven_cases_open{application=\"query-service\",risk=\"HIGH\",status=\"TRIAGED\"} 1.0")
                                .contains("haven_cases_overdue{application=\"query-service\",risk=\"HIGH\"} 1.0")
                                .contains("haven_cases_overdue{application=\"query-service\",risk=\"LOW\"} 0.0")
                                .contains(
                                        "haven_projection_lag_events{application=\"query-service\",processor=\"caseload\"} 0.0")
                                .contains(
                                        "haven_projection_lag_seconds{application=\"query-service\",processor=\"trends-v3\"} 0.0"));

        String metrics = prometheus();
        assertThat(metrics).as("Axon's own processor metrics").contains("eventProcessor_latency");
        assertThat(metrics)
                .as("processing time as a timer; no capacity gauge, whose window kept every measurement")
                .contains("eventProcessor_allTimer_seconds_sum")
                .doesNotContain("eventProcessor_capacity");
        assertThat(metrics)
                .as("no per-instance quantiles, which cannot be summed across instances")
                .doesNotContain("quantile=");
        for (String personal : List.of(
                CANARY,
                "cw.canary",
                "mgr.canary",
                "team-canary",
                waiting.caseId().value(),
                overdue.caseId().value(),
                "HV-CANA")) {
            assertThat(metrics).doesNotContain(personal);
        }
    }

    @Test
    void lagCountsTheEventsStoredPastTheSlowestSegmentAndHowLongTheOldestHasWaited() {
        var history = new CaseStream(events);
        Instant twoMinutesAgo = Instant.now().minusSeconds(120);
        for (int i = 0; i < 3; i++) {
            history.append(submitted(history.caseId()), twoMinutesAgo.plusSeconds(i * 10));
        }
        long head = store.createHeadToken().position().orElseThrow();
        var processor = mock(StreamingEventProcessor.class);
        var caughtUp = at(head);
        var behind = at(head - 3);
        when(processor.processingStatus()).thenReturn(Map.of(0, caughtUp, 1, behind));

        var lag = projectionLag.lag(processor, head);

        assertThat(lag.events()).isEqualTo(3);
        assertThat(lag.seconds()).isBetween(119.0, 140.0);
        when(processor.processingStatus()).thenReturn(Map.of(0, caughtUp));
        assertThat(projectionLag.lag(processor, head)).isEqualTo(new ProjectionLag.Lag(0, 0));
        when(processor.processingStatus()).thenReturn(Map.of());
        assertThat(projectionLag.lag(processor, head).events())
                .as("no segment held here: no value")
                .isNaN();
    }

    private static EventTrackerStatus at(long position) {
        var status = mock(EventTrackerStatus.class);
        when(status.getCurrentPosition()).thenReturn(OptionalLong.of(position));
        return status;
    }

    private String prometheus() throws Exception {
        return http.perform(get("/actuator/prometheus"))
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private static ReportSubmitted submitted(CaseId caseId) {
        return new ReportSubmitted(
                caseId,
                "HV-CANA-RY",
                "$2a$10$x",
                ReportType.HATE_INCIDENT,
                Category.VERBAL_ABUSE,
                LocalDate.parse("2026-10-01"),
                LocationType.WORKPLACE,
                "Finance",
                Set.of(),
                ReporterRole.VICTIM,
                false,
                new Reporter(CANARY, "canary@example.org", null),
                ContactPreference.EMAIL,
                CANARY + " was shouted at",
                List.of(CANARY),
                false,
                false,
                null);
    }
}
