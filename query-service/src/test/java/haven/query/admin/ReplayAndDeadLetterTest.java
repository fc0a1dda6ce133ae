package haven.query.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.mongodb.MongoSocketReadException;
import com.mongodb.ServerAddress;
import haven.events.CaseClosed;
import haven.events.CaseId;
import haven.events.CaseTriaged;
import haven.events.Category;
import haven.events.InvestigationNoteAdded;
import haven.events.RiskLevel;
import haven.events.Route;
import haven.infra.security.Role;
import haven.infra.security.TestTokens;
import haven.query.QueryServiceTest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

@QueryServiceTest(
        database = "replay-tests",
        properties = {
            "axon.eventhandling.processors.probe.mode=tracking",
            "axon.eventhandling.processors.probe.dlq.enabled=true"
        })
@Import(ReplayAndDeadLetterTest.ProbeConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class ReplayAndDeadLetterTest {

    static final String ADMIN = TestTokens.bearer("dpo.smith", null, Role.ADMIN);

    /** A projection that records what it handles and can be made to fail for one case. */
    @ProcessingGroup("probe")
    static class Probe {
        final List<String> handled = new CopyOnWriteArrayList<>();
        final Set<String> poisoned = java.util.concurrent.ConcurrentHashMap.newKeySet();
        /** Cases whose handling meets the store away, as when it is restarted. */
        final Set<String> storeAway = java.util.concurrent.ConcurrentHashMap.newKeySet();

        final AtomicInteger resets = new AtomicInteger();
        volatile long slowness;

        @EventHandler
        void on(CaseTriaged e) throws InterruptedException {
            Thread.sleep(slowness);
            if (poisoned.contains(e.caseId().value())) {
                throw new IllegalStateException("projection bug");
            }
            if (storeAway.contains(e.caseId().value())) {
                throw new MongoSocketReadException("Exception receiving message", new ServerAddress());
            }
            handled.add(e.caseId().value() + ":triaged:" + e.risk());
        }

        @EventHandler
        void on(InvestigationNoteAdded e) {
            handled.add(e.caseId().value() + ":note");
        }

        @EventHandler
        void on(CaseClosed e) {
            handled.add(e.caseId().value() + ":closed");
        }

        @ResetHandler
        void reset() {
            resets.incrementAndGet();
            handled.clear();
        }
    }

    /** Stands for a notification: sent once, never again on a replay. */
    @ProcessingGroup("probe")
    static class Notifier {
        final AtomicInteger sent = new AtomicInteger();

        @EventHandler
        @DisallowReplay
        void on(CaseClosed e) {
            sent.incrementAndGet();
        }
    }

    @TestConfiguration
    static class ProbeConfiguration {
        @Bean
        Probe probe() {
            return new Probe();
        }

        @Bean
        Notifier notifier() {
            return new Notifier();
        }
    }

    @Autowired
    MockMvc http;

    @Autowired
    EventStore events;

    @Autowired
    Probe probe;

    @Autowired
    Notifier notifier;

    @Test
    void aPoisonEventParksItsCaseWhileOthersFlowAndARetryDrainsItInOrder(CapturedOutput output) throws Exception {
        String poison = UUID.randomUUID().toString();
        String healthy = UUID.randomUUID().toString();
        probe.poisoned.add(poison);

        append(poison, 0, triaged(poison, RiskLevel.LOW));
        append(poison, 1, triaged(poison, RiskLevel.HIGH));
        append(poison, 2, new CaseClosed(new CaseId(poison), "cw.lee"));
        append(
                poison,
                3,
                new InvestigationNoteAdded(new CaseId(poison), "n-1", "Canary Quillfeather was there", "cw.lee"));
        append(healthy, 0, triaged(healthy, RiskLevel.MEDIUM));

        await().atMost(Duration.ofSeconds(10)).until(() -> probe.handled.contains(healthy + ":triaged:MEDIUM"));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> http.perform(get("/api/admin/dead-letters").header("Authorization", ADMIN))
                        .andExpect(jsonPath("$[?(@.processingGroup == 'probe')].letters[*].eventType")
                                .value(org.hamcrest.Matchers.contains(
                                        "CaseTriaged", "CaseTriaged", "CaseClosed", "InvestigationNoteAdded")))
                        .andExpect(jsonPath("$[?(@.processingGroup == 'probe')].letters[0].cause")
                                .value(org.hamcrest.Matchers.contains("java.lang.IllegalStateException"))));
        assertThat(probe.handled).noneMatch(h -> h.startsWith(poison));
        assertThat(output.getAll())
                .as("parked events are not logged with their personal data")
                .doesNotContain("Quillfeather");

        probe.poisoned.clear(); // the bug is fixed
        http.perform(post("/api/admin/dead-letters/probe/retry").header("Authorization", ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.sequencesRetried").value(1));

        assertThat(probe.handled.stream().filter(h -> h.startsWith(poison)))
                .containsExactly(
                        poison + ":triaged:LOW", poison + ":triaged:HIGH", poison + ":closed", poison + ":note");
        http.perform(get("/api/admin/dead-letters").header("Authorization", ADMIN))
                .andExpect(jsonPath("$[?(@.processingGroup == 'probe')]").isEmpty());
    }

    @Test
    void anEventMetWhileTheStoreIsAwayIsRetriedNotParked() throws Exception {
        String caseId = UUID.randomUUID().toString();
        probe.storeAway.add(caseId);
        append(caseId, 0, triaged(caseId, RiskLevel.LOW));
        Thread.sleep(1500); // the processor has met the outage at least once
        http.perform(get("/api/admin/dead-letters").header("Authorization", ADMIN))
                .andExpect(jsonPath("$[?(@.processingGroup == 'probe')]").isEmpty());

        probe.storeAway.clear(); // the store is back
        await().atMost(Duration.ofSeconds(30)).until(() -> probe.handled.contains(caseId + ":triaged:LOW"));
        http.perform(get("/api/admin/dead-letters").header("Authorization", ADMIN))
                .andExpect(jsonPath("$[?(@.processingGroup == 'probe')]").isEmpty());
    }

    @Test
    void aReplayRebuildsTheProjectionWithoutRepeatingSideEffects() throws Exception {
        String caseId = UUID.randomUUID().toString();
        append(caseId, 0, triaged(caseId, RiskLevel.LOW));
        append(caseId, 1, new CaseClosed(new CaseId(caseId), "cw.lee"));
        await().atMost(Duration.ofSeconds(10)).until(() -> probe.handled.contains(caseId + ":closed"));
        await().atMost(Duration.ofSeconds(10)).until(() -> notifier.sent.get() > 0);
        int sideEffectsBefore = notifier.sent.get();
        var before = List.copyOf(probe.handled);
        int resetsBefore = probe.resets.get();

        http.perform(post("/api/admin/processors/probe/replay").header("Authorization", ADMIN))
                .andExpect(status().isAccepted());

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> http.perform(get("/api/admin/processors").header("Authorization", ADMIN))
                        .andExpect(jsonPath("$[?(@.name == 'probe')].replaying")
                                .value(org.hamcrest.Matchers.contains(false))));
        await().atMost(Duration.ofSeconds(10)).until(() -> probe.handled.containsAll(before));
        assertThat(probe.resets.get()).isEqualTo(resetsBefore + 1);
        assertThat(notifier.sent.get()).isEqualTo(sideEffectsBefore);
        assertThat(probe.handled).containsExactlyElementsOf(before);
    }

    @Test
    void aRebuildReportsHowFarItHasComeUntilItIsDone() throws Exception {
        for (int i = 0; i < 300; i++) {
            String caseId = UUID.randomUUID().toString();
            append(caseId, 0, triaged(caseId, RiskLevel.MEDIUM));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> probe.handled.size() >= 300);
        probe.slowness = 10;
        try {
            http.perform(post("/api/admin/processors/probe/replay").header("Authorization", ADMIN))
                    .andExpect(status().isAccepted())
                    .andExpect(header().string("Location", "/api/admin/processors/probe/rebuild"));

            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> http.perform(
                                    get("/api/admin/processors/probe/rebuild").header("Authorization", ADMIN))
                            .andExpect(jsonPath("$.rebuilding").value(true))
                            .andExpect(jsonPath("$.processed").value(org.hamcrest.Matchers.greaterThan(0)))
                            .andExpect(jsonPath("$.total").value(org.hamcrest.Matchers.greaterThanOrEqualTo(300)))
                            .andExpect(jsonPath("$.percentage").value(org.hamcrest.Matchers.lessThan(100.0)))
                            .andExpect(jsonPath("$.eventsPerSecond").value(org.hamcrest.Matchers.greaterThan(0.0)))
                            .andExpect(jsonPath("$.secondsLeft").isNumber()));
        } finally {
            probe.slowness = 0;
        }
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> http.perform(
                                get("/api/admin/processors/probe/rebuild").header("Authorization", ADMIN))
                        .andExpect(jsonPath("$.rebuilding").value(false))
                        .andExpect(jsonPath("$.percentage").value(100.0)));
        http.perform(get("/api/admin/processors/nothing/rebuild").header("Authorization", ADMIN))
                .andExpect(status().isNotFound());
    }

    private static CaseTriaged triaged(String caseId, RiskLevel risk) {
        return new CaseTriaged(
                new CaseId(caseId),
                Category.THREATS,
                Set.of(),
                Set.of(),
                risk,
                Route.FORMAL_INVESTIGATION,
                LocalDate.parse("2026-10-02"),
                LocalDate.parse("2026-10-21"),
                "cw.lee",
                null);
    }

    private void append(String caseId, long sequence, Object event) {
        events.publish(new GenericDomainEventMessage<>("Case", caseId, sequence, event));
    }
}
