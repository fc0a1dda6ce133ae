package haven.query.caseload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.mongodb.client.MongoDatabase;
import haven.events.CaseClosed;
import haven.events.CaseId;
import haven.events.CaseResolved;
import haven.events.CaseTriaged;
import haven.events.CaseworkerAssigned;
import haven.events.Category;
import haven.events.ConflictOfInterestDeclared;
import haven.events.ContactPreference;
import haven.events.LocationType;
import haven.events.MonitoredStrand;
import haven.events.Motivation;
import haven.events.Outcome;
import haven.events.ProtectedCharacteristic;
import haven.events.ReportSubmitted;
import haven.events.ReportType;
import haven.events.ReporterRole;
import haven.events.RiskLevel;
import haven.events.Route;
import haven.infra.embedded.EmbeddedStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest
@AutoConfigureMockMvc
class CaseloadTest {

    @Autowired
    MockMvc http;
    @Autowired
    EventStore events;
    @Autowired
    CaseloadProjection projection;
    @Autowired
    MongoDatabase database;
    @Autowired
    EventProcessingConfiguration processing;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("spring.data.mongodb.uri", () -> EmbeddedStore.shared().uri("query-tests"));
    }

    @Test
    void aCaseAppearsInTheCaseloadAndFollowsItsLifecycle() throws Exception {
        var caseId = newCaseId();
        var history = new Stream(caseId);
        history.append(submitted(caseId));
        awaitStatus(caseId, "SUBMITTED");

        history.append(new CaseTriaged(caseId, Category.THREATS, Set.of(ProtectedCharacteristic.DISABILITY),
                Set.of(MonitoredStrand.DISABILITY), RiskLevel.HIGH, Route.REFERRAL_TO_POLICE,
                LocalDate.parse("2026-10-02"), LocalDate.parse("2026-10-21"), "cw.lee"));
        history.append(new CaseworkerAssigned(caseId, "cw.lee", "equality", "mgr.jones"));
        awaitStatus(caseId, "TRIAGED");

        http.perform(get("/api/cases/" + caseId))
                .andExpect(jsonPath("$.category").value("THREATS"))
                .andExpect(jsonPath("$.risk").value("HIGH"))
                .andExpect(jsonPath("$.assignee").value("cw.lee"))
                .andExpect(jsonPath("$.resolutionDue").value("2026-10-21"))
                .andExpect(jsonPath("$.narrative").doesNotExist());
        http.perform(get("/api/caseload").param("assignee", "cw.lee").param("status", "TRIAGED"))
                .andExpect(jsonPath("$.cases[*].caseId").value(org.hamcrest.Matchers.hasItem(caseId.value())));

        history.append(new CaseResolved(caseId, Outcome.REFERRED_TO_POLICE, "Passed to Essex Police",
                Instant.parse("2026-12-01T00:00:00Z"), "cw.lee"));
        history.append(new CaseClosed(caseId, "cw.lee"));
        awaitStatus(caseId, "CLOSED");
        http.perform(get("/api/cases/" + caseId)).andExpect(jsonPath("$.outcome").value("REFERRED_TO_POLICE"));
        http.perform(get("/api/caseload").param("assignee", "cw.lee").param("status", "TRIAGED"))
                .andExpect(jsonPath("$.cases[*].caseId").value(org.hamcrest.Matchers.not(
                        org.hamcrest.Matchers.hasItem(caseId.value()))));
    }

    @Test
    void aConflictedAssigneeLeavesTheCaseUnassigned() throws Exception {
        var caseId = newCaseId();
        var history = new Stream(caseId);
        history.append(submitted(caseId));
        history.append(new CaseworkerAssigned(caseId, "cw.ahmed", "hr", "mgr.jones"));
        history.append(new ConflictOfInterestDeclared(caseId, "cw.ahmed", "Knows a party", "cw.ahmed"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                http.perform(get("/api/cases/" + caseId)).andExpect(status().isOk())
                        .andExpect(jsonPath("$.assignee").doesNotExist()));
    }

    @Test
    void anEventDeliveredTwiceChangesNothing() {
        var caseId = newCaseId();
        var submitted = submitted(caseId);
        Instant at = Instant.parse("2026-10-01T09:00:00Z");
        projection.on(submitted, at);
        Document once = database.getCollection("caseload").find(new Document("_id", caseId.value())).first();
        projection.on(submitted, at);
        Document twice = database.getCollection("caseload").find(new Document("_id", caseId.value())).first();
        assertThat(twice).isEqualTo(once);
    }

    @Test
    void replayingEveryEventRebuildsTheSameCaseload() throws Exception {
        var caseId = newCaseId();
        var history = new Stream(caseId);
        history.append(submitted(caseId));
        history.append(new CaseworkerAssigned(caseId, "cw.replay", "hr", "mgr.jones"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                http.perform(get("/api/cases/" + caseId)).andExpect(jsonPath("$.assignee").value("cw.replay")));
        List<Document> before = database.getCollection("caseload").find().into(new java.util.ArrayList<>());

        var processor = processing.eventProcessor("caseload", TrackingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                database.getCollection("caseload").find().into(new java.util.ArrayList<>()))
                .containsExactlyInAnyOrderElementsOf(before));
    }

    @Test
    void anUnknownCaseIsNotFound() throws Exception {
        http.perform(get("/api/cases/" + UUID.randomUUID())).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.status").value(404));
    }

    @Test
    void aBadFilterIsNamed() throws Exception {
        http.perform(get("/api/caseload").param("status", "LOST")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("status"));
    }

    private void awaitStatus(CaseId caseId, String expected) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                http.perform(get("/api/cases/" + caseId)).andExpect(status().isOk())
                        .andExpect(jsonPath("$.status").value(expected)));
    }

    private static CaseId newCaseId() {
        return new CaseId(UUID.randomUUID().toString());
    }

    private static ReportSubmitted submitted(CaseId caseId) {
        return new ReportSubmitted(caseId, "HV-TEST-" + caseId.value().substring(0, 2).toUpperCase(), "$2a$10$x",
                ReportType.HATE_INCIDENT, Category.THREATS, LocalDate.parse("2026-09-30"),
                LocationType.STREET_OR_PUBLIC_SPACE, "Basildon", Set.of(Motivation.DISABILITY), ReporterRole.WITNESS,
                true, null, ContactPreference.FOLLOW_UP_ONLY, "Someone threatened a wheelchair user", List.of(),
                true, false);
    }

    /** Appends a case's events with consecutive sequence numbers, as the command side would. */
    private class Stream {
        final CaseId caseId;
        final AtomicLong sequence = new AtomicLong();

        Stream(CaseId caseId) {
            this.caseId = caseId;
        }

        void append(Object event) {
            events.publish(new GenericDomainEventMessage<>("Case", caseId.value(), sequence.getAndIncrement(), event));
        }
    }
}
