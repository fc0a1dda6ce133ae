package haven.infra.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import haven.infra.embedded.EmbeddedStoreMain;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store in its own process is killed with {@code kill -9} while reports pour in;
 * while it is away both services answer 503 with Retry-After; then it is restarted on the same
 * files. A report that got a 201 and a receipt must still be there, with its event and its receipt
 * hash, and the caseload must catch up to every case stored, with neither service restarted.
 */
class StoreCrashTest {

    static final String MASTER_KEY = LocalSystem.MASTER_KEY;
    static final Path ROOT = LocalSystem.ROOT;

    @Test
    void everyReportThatGotA201SurvivesTheStoreBeingKilled(@TempDir Path data) throws Exception {
        int storePort = LocalSystem.freePort();
        String uri = "mongodb://127.0.0.1:" + storePort + "/haven?serverSelectionTimeoutMS=2000";
        Process store = EmbeddedStoreMain.startProcess(data, storePort);
        Path logs = Path.of("target", "store-crash-logs");
        int queryPort = LocalSystem.freePort();
        try (var identity = ServiceProcess.startIdentity(ROOT, LocalSystem.freePort(), queryPort, logs);
                var command = ServiceProcess.startService(
                        ROOT, "command-service", LocalSystem.freePort(), uri, identity, MASTER_KEY, logs);
                var query =
                        ServiceProcess.startQueryService(ROOT, queryPort, uri, identity, MASTER_KEY, command, logs)) {
            identity.awaitHealthy(Duration.ofMinutes(3));
            command.awaitHealthy(Duration.ofMinutes(3));
            query.awaitHealthy(Duration.ofMinutes(3));

            Map<String, String> created = new ConcurrentHashMap<>(); // caseId -> reference, only for 201s
            var running = new AtomicBoolean(true);
            var clients = new ArrayList<Thread>();
            for (int c = 0; c < 4; c++) {
                var client = new Thread(() -> submitUntilStopped(command.url(), created, running));
                client.start();
                clients.add(client);
            }
            awaitMoreThan(created, 10, Duration.ofSeconds(60)); // a count, not a time: a busy machine is slower
            store.destroyForcibly().waitFor(); // kill -9 mid-load
            int createdBeforeCrash = created.size();
            whileTheStoreIsAwayEachServiceSaysSoAndKeepsServingWhatNeedsNoStore(command, query, identity);
            store = EmbeddedStoreMain.startProcess(data, storePort);
            awaitMoreThan(created, createdBeforeCrash + 20, Duration.ofSeconds(60)); // the services came back
            running.set(false);
            for (Thread client : clients) {
                client.join();
            }

            try (var mongo = MongoClients.create(uri)) {
                var database = mongo.getDatabase("haven");
                for (var report : created.entrySet()) {
                    assertThat(database.getCollection("events")
                                    .find(Filters.and(
                                            Filters.eq("aggregateIdentifier", report.getKey()),
                                            Filters.eq("sequenceNumber", 0L)))
                                    .first())
                            .as("event of acknowledged case %s", report.getKey())
                            .isNotNull();
                    Document access = database.getCollection("reporter_access")
                            .find(Filters.eq("_id", report.getValue()))
                            .first();
                    assertThat(access)
                            .as("reporter access of %s", report.getValue())
                            .isNotNull();
                    assertThat(access.getString("receiptHash")).startsWith("hmac-sha256:");
                }
                long storedCases = database.getCollection("events").countDocuments(Filters.eq("sequenceNumber", 0L));
                var manager = JsonHttp.signedIn(identity.url(), "mgr.jones");
                Instant deadline = Instant.now().plusSeconds(90);
                long inCaseload = -1;
                while (Instant.now().isBefore(deadline)) {
                    inCaseload = manager.get(query.url() + "/api/caseload?size=1")
                            .body()
                            .path("total")
                            .asLong();
                    if (inCaseload == storedCases) {
                        break;
                    }
                    Thread.sleep(500);
                }
                System.out.printf(
                        "acknowledged %d reports (%d before the crash); %d cases stored; caseload %d%n",
                        created.size(), createdBeforeCrash, storedCases, inCaseload);
                if (inCaseload != storedCases) {
                    explainMissing(database, JsonHttp.signedIn(identity.url(), "dpo.smith"), query.url());
                }
                assertThat(inCaseload).isEqualTo(storedCases);
            }
        } finally {
            store.destroy();
            store.waitFor();
        }
    }

    /** Commands and case reads: 503 with Retry-After, not 500 or a hang; the report form still opens. */
    private static void whileTheStoreIsAwayEachServiceSaysSoAndKeepsServingWhatNeedsNoStore(
            ServiceProcess command, ServiceProcess query, ServiceProcess identity) {
        var refused = JsonHttp.anonymous()
                .post(
                        command.url() + "/api/reports",
                        Map.of(
                                "type",
                                "HATE_INCIDENT",
                                "category",
                                "VERBAL_ABUSE",
                                "occurredOn",
                                "2026-11-02",
                                "locationType",
                                "WORKPLACE",
                                "area",
                                "MARKET",
                                "motivations",
                                java.util.List.of("RACE"),
                                "reporterRole",
                                "VICTIM",
                                "anonymous",
                                true,
                                "narrative",
                                "Said while the store was away"));
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).contains("5");
        assertThat(refused.body().path("type").asText()).isEqualTo("urn:haven:problem:store-unavailable");
        assertThat(refused.body().path("detail").asText()).contains("Nothing was saved");

        var caseload = JsonHttp.signedIn(identity.url(), "mgr.jones").get(query.url() + "/api/caseload");
        assertThat(caseload.status()).isEqualTo(503);
        assertThat(caseload.headers().firstValue("Retry-After")).contains("5");
        assertThat(caseload.body().toString()).doesNotContain("Exception").doesNotContain("mongo");

        assertThat(JsonHttp.anonymous().get(query.url() + "/report").status())
                .as("the report form")
                .isEqualTo(200);
        assertThat(JsonHttp.anonymous()
                        .get(query.url() + "/actuator/health/liveness")
                        .status())
                .isEqualTo(200);
        assertThat(JsonHttp.anonymous()
                        .get(command.url() + "/actuator/health/liveness")
                        .status())
                .isEqualTo(200);
    }

    /** The test failed once (42 of 43) and passed on rerun: say where the missing case got stuck. */
    private static void explainMissing(MongoDatabase database, JsonHttp admin, String queryUrl) {
        for (Document event : database.getCollection("events").find(Filters.eq("sequenceNumber", 0L))) {
            String caseId = event.getString("aggregateIdentifier");
            if (database.getCollection("caseload")
                            .find(Filters.eq("_id", caseId))
                            .first()
                    == null) {
                System.out.printf(
                        "not in the caseload: case %s at position %s; case file: %s%n",
                        caseId,
                        event.get("_id"),
                        database.getCollection("case_files")
                                .find(Filters.eq("_id", caseId))
                                .first());
            }
        }
        database.getCollection("trackingtokens").find().forEach(token -> System.out.println("token: " + token));
        System.out.println("dead letters: "
                + admin.get(queryUrl + "/api/admin/dead-letters").body());
    }

    private static void submitUntilStopped(String commandUrl, Map<String, String> created, AtomicBoolean running) {
        var reporter = JsonHttp.anonymous();
        while (running.get()) {
            try {
                var response = reporter.post(
                        commandUrl + "/api/reports",
                        Map.ofEntries(
                                Map.entry("type", "DIGNITY_AT_WORK"),
                                Map.entry("organisation", "castle-council"),
                                Map.entry("category", "HARASSMENT"),
                                Map.entry("occurredOn", "2026-11-02"),
                                Map.entry("locationType", "WORKPLACE"),
                                Map.entry("area", "RESOURCES"),
                                Map.entry("reporterRole", "WITNESS"),
                                Map.entry("anonymous", true),
                                Map.entry("narrative", "Overheard repeated remarks")));
                if (response.status() == 201) {
                    created.put(
                            response.body().path("caseId").asText(),
                            response.body().path("reference").asText());
                }
            } catch (RuntimeException storeDownOrTimedOut) {
                // not acknowledged: nothing is promised for it
            }
        }
    }

    private static void awaitMoreThan(Map<String, String> created, int count, Duration within)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (created.size() <= count && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(created.size()).as("acknowledged reports").isGreaterThan(count);
    }
}
