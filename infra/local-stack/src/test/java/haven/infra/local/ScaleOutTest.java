package haven.infra.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClients;
import haven.infra.embedded.EmbeddedStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Two query-service processes on one store share every projection's segments through the token
 * store. One is killed with {@code kill -9} while reports and triages pour in; the other takes its
 * segments over, and every case ends up in the views once: none missing, no history entry twice,
 * no case counted twice in the trends (which count the cases staff have triaged).
 */
class ScaleOutTest {

    /** As the deployment files run two instances: a segment of each projection for each. */
    static final Map<String, String> TWO_SEGMENTS = Map.of("HAVEN_PROJECTION_SEGMENTS", "2");

    static final List<String> PROJECTIONS =
            List.of("caseload", "case-record", "reporter-status", "timeline", "trends-v3");

    @Test
    void theSurvivorTakesOverAKilledInstancesSegmentsAndProjectsEveryEventOnce() throws Exception {
        Path logs = Path.of("target", "scale-out-logs");
        try (var store = EmbeddedStore.inMemory()) {
            String uri = store.uri("haven");
            int portA = LocalSystem.freePort();
            try (var identity = ServiceProcess.startIdentity(LocalSystem.ROOT, LocalSystem.freePort(), portA, logs);
                    var command = ServiceProcess.startService(
                            LocalSystem.ROOT,
                            "command-service",
                            LocalSystem.freePort(),
                            uri,
                            identity,
                            LocalSystem.MASTER_KEY,
                            logs);
                    var a = ServiceProcess.startQueryService(
                            LocalSystem.ROOT,
                            portA,
                            uri,
                            identity,
                            LocalSystem.MASTER_KEY,
                            command,
                            ServiceProcess.partnership(),
                            TWO_SEGMENTS,
                            logs.resolve("a"));
                    var b = ServiceProcess.startQueryService(
                            LocalSystem.ROOT,
                            LocalSystem.freePort(),
                            uri,
                            identity,
                            LocalSystem.MASTER_KEY,
                            command,
                            ServiceProcess.partnership(),
                            TWO_SEGMENTS,
                            logs.resolve("b"))) {
                for (var service : List.of(identity, command, a, b)) {
                    service.awaitHealthy(Duration.ofMinutes(3));
                }
                var dpo = JsonHttp.signedIn(identity.url(), "dpo.smith");
                var manager = JsonHttp.signedIn(identity.url(), "mgr.jones");

                awaitSegments(dpo, a, 1, b, 1, Duration.ofSeconds(90)); // shared: one segment of each projection each

                Map<String, String> cases = new ConcurrentHashMap<>(); // caseId -> "submitted" | "triaged"
                var running = new AtomicBoolean(true);
                var clients = new ArrayList<Thread>();
                for (int c = 0; c < 3; c++) {
                    var client = new Thread(() -> reportAndTriageUntilStopped(command.url(), manager, cases, running));
                    client.start();
                    clients.add(client);
                }
                awaitAtLeast(cases, 30, Duration.ofSeconds(60));
                b.kill();
                int atKill = cases.size();
                awaitAtLeast(cases, atKill + 30, Duration.ofSeconds(60)); // the store and the command side carry on
                running.set(false);
                for (Thread client : clients) {
                    client.join();
                }

                awaitSegments(dpo, a, 2, null, 0, Duration.ofSeconds(60)); // the survivor holds everything
                awaitCaughtUp(dpo, a, store.uri("haven"), Duration.ofSeconds(60));
                System.out.printf("%d cases (%d when instance B was killed)%n", cases.size(), atKill);

                for (var entry : cases.entrySet()) {
                    String caseId = entry.getKey();
                    boolean triaged = entry.getValue().equals("triaged");
                    JsonNode view =
                            manager.get(a.url() + "/api/cases/" + caseId).body();
                    assertThat(view.path("status").asText())
                            .as("case %s", caseId)
                            .isEqualTo(triaged ? "TRIAGED" : "SUBMITTED");
                    var history = new ArrayList<String>();
                    manager.get(a.url() + "/api/cases/" + caseId + "/timeline")
                            .body()
                            .path("entries")
                            .forEach(e -> history.add(
                                    e.path("at").asText() + " " + e.path("what").asText()));
                    assertThat(history)
                            .as("history of %s", caseId)
                            // each with the deadlines it set: due for triage, then due for contact and resolution
                            .hasSize(triaged ? 4 : 2)
                            .doesNotHaveDuplicates();
                }
                assertThat(manager.get(a.url() + "/api/caseload?size=1")
                                .body()
                                .path("total")
                                .asLong())
                        .isEqualTo(cases.size());
                assertThat(trendTotal(store.uri("haven")))
                        .as("triaged cases counted in the trends")
                        .isEqualTo(cases.values().stream()
                                .filter("triaged"::equals)
                                .count());
            }
        }
    }

    private static void reportAndTriageUntilStopped(
            String commandUrl, JsonHttp manager, Map<String, String> cases, AtomicBoolean running) {
        var reporter = JsonHttp.anonymous();
        while (running.get()) {
            var report = reporter.post(
                    commandUrl + "/api/reports",
                    Map.ofEntries(
                            Map.entry("type", "DIGNITY_AT_WORK"),
                            Map.entry("organisation", "castle-council"),
                            Map.entry("category", "BULLYING"),
                            Map.entry("occurredOn", "2026-11-02"),
                            Map.entry("locationType", "WORKPLACE"),
                            Map.entry("area", "RESOURCES"),
                            Map.entry("reporterRole", "VICTIM"),
                            Map.entry("anonymous", true),
                            Map.entry("narrative", "Shouted at in meetings")));
            assertThat(report.status()).isEqualTo(201);
            String caseId = report.body().path("caseId").asText();
            cases.put(caseId, "submitted");
            if (cases.size() % 2 == 0) {
                var triage = manager.post(
                        commandUrl + "/api/cases/" + caseId + "/triage",
                        Map.of("category", "BULLYING", "risk", "LOW", "route", "INFORMAL_RESOLUTION"));
                assertThat(triage.status()).isEqualTo(202);
                cases.put(caseId, "triaged");
            }
        }
    }

    /** Waits until {@code first} holds {@code firstHolds} segments of every projection, and {@code second} its share. */
    private static void awaitSegments(
            JsonHttp dpo, ServiceProcess first, int firstHolds, ServiceProcess second, int secondHolds, Duration within)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        Map<String, Set<Integer>> heldByFirst = Map.of();
        Map<String, Set<Integer>> heldBySecond = Map.of();
        while (Instant.now().isBefore(deadline)) {
            heldByFirst = segments(dpo, first);
            heldBySecond = second == null ? Map.of() : segments(dpo, second);
            boolean shared = true;
            for (String projection : PROJECTIONS) {
                shared &= heldByFirst.getOrDefault(projection, Set.of()).size() == firstHolds;
                if (second != null) {
                    shared &= heldBySecond.getOrDefault(projection, Set.of()).size() == secondHolds;
                    var overlap = new TreeSet<>(heldByFirst.getOrDefault(projection, Set.of()));
                    overlap.retainAll(heldBySecond.getOrDefault(projection, Set.of()));
                    assertThat(overlap)
                            .as("segments of %s held by both instances", projection)
                            .isEmpty();
                }
            }
            if (shared) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("segments not shared as expected: first " + heldByFirst + ", second " + heldBySecond);
    }

    private static Map<String, Set<Integer>> segments(JsonHttp dpo, ServiceProcess service) {
        var held = new TreeMap<String, Set<Integer>>();
        for (JsonNode processor :
                dpo.get(service.url() + "/api/admin/processors").body()) {
            var ids = new TreeSet<Integer>();
            processor
                    .path("segments")
                    .forEach(segment -> ids.add(segment.path("segment").asInt()));
            held.put(processor.path("name").asText(), ids);
        }
        return held;
    }

    /** Until every segment of every projection on {@code service} has read up to the store's last event. */
    private static void awaitCaughtUp(JsonHttp dpo, ServiceProcess service, String uri, Duration within)
            throws InterruptedException {
        long head;
        try (var client = MongoClients.create(uri)) {
            head = client.getDatabase("haven")
                            .getCollection("event_counters")
                            .find()
                            .first()
                            .getLong("next")
                    - 1;
        }
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            boolean all = true;
            for (JsonNode processor :
                    dpo.get(service.url() + "/api/admin/processors").body()) {
                for (JsonNode segment : processor.path("segments")) {
                    all &= segment.path("position").asLong(-1) >= head;
                }
            }
            if (all) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("projections did not reach position " + head);
    }

    /** Cases counted by report type in the trend view, over every month: each case exactly once. */
    private static long trendTotal(String uri) {
        try (var client = MongoClients.create(uri)) {
            long total = 0;
            for (var month :
                    client.getDatabase("haven").getCollection("trend_counts").find()) {
                boolean recorded = month.getString("_id").startsWith("recorded/");
                if (recorded && month.get("type") instanceof org.bson.Document types) { // {DIGNITY_AT_WORK: n, ...}
                    for (Object count : types.values()) {
                        total += ((Number) count).longValue();
                    }
                }
            }
            return total;
        }
    }

    private static void awaitAtLeast(Map<String, String> cases, int count, Duration within)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (cases.size() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(cases.size()).as("acknowledged reports").isGreaterThanOrEqualTo(count);
    }
}
