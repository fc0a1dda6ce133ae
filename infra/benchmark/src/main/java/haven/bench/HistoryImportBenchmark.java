package haven.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import haven.infra.embedded.EmbeddedStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Random;

/**
 * A council's incident log imported through {@code POST /api/admin/imports}: the real
 * command-service jar as its own process, on the persistent embedded store (H2 on disk, as the
 * local stack runs). Times the check of the whole file (a dry run) and the import, from the
 * request to the import reporting itself done; then the same file again (every row already there).
 *
 * <p>{@code java -jar infra/benchmark/target/haven-benchmark.jar history [rows=10000]}
 */
final class HistoryImportBenchmark {

    private static final String HEADER = "source_id,reported_month,type,category,area,location_type,reporter_role,"
            + "perceived_motivations,characteristics,strands,outcome,closed_on";
    private static final String[] HATE = {
        "VERBAL_ABUSE", "ONLINE_ABUSE", "THREATS", "DAMAGE_TO_PROPERTY", "PHYSICAL_ASSAULT"
    };
    private static final String[] WARDS = {"ABBEY", "CASTLE", "MARKET", "NORTHFIELD", "PRIORY", "RIVERSIDE", "SOUTHGATE"
    };
    private static final String[] OUTCOMES = {"UPHELD", "NOT_UPHELD", "RESOLVED_INFORMALLY", "WITHDRAWN"};

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    static void run(String[] args) throws Exception {
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        new HistoryImportBenchmark().measure(rows);
    }

    private void measure(int rows) throws Exception {
        Path jar = Path.of(System.getProperty("haven.root", ".")).resolve("command-service/target/command-service.jar");
        var reads = new ReadBenchmark();
        byte[] file = file(rows);
        try (var store = EmbeddedStore.persistent(Files.createTempDirectory("bench-history"), 0)) {
            int port = ReadBenchmark.freePort();
            Path log = Files.createTempFile("bench-command-service", ".log");
            Process service = reads.startService(jar, port, store.uri("haven"), ReadBenchmark.newMasterKey(), log);
            try {
                String base = "http://127.0.0.1:" + port;
                awaitUp(base + "/actuator/health", service, log);
                System.out.printf(
                        "%,d rows, %,d KB; embedded store (H2 on disk); %s; %d cores%n",
                        rows,
                        file.length / 1024,
                        Runtime.version(),
                        Runtime.getRuntime().availableProcessors());

                Instant checking = Instant.now();
                var checked = post(base + "/api/admin/imports?dryRun=true", file, reads.admin);
                double checkSeconds = seconds(checking);
                if (!checked.path("valid").asBoolean()) {
                    throw new IllegalStateException("the generated file has problems: " + checked.path("problems"));
                }
                System.out.printf("check (dry run): %.1f s%n", checkSeconds);

                for (String pass : new String[] {"import", "the same file again"}) {
                    Instant started = Instant.now();
                    var progress = post(base + "/api/admin/imports", file, reads.admin);
                    JsonNode state = await(
                            base + "/api/admin/imports/" + progress.path("id").asText(), reads.admin);
                    double took = seconds(started);
                    System.out.printf(
                            "%s: %.1f s (%,.0f rows/s) — %d imported, %d already there%n",
                            pass,
                            took,
                            rows / took,
                            state.path("imported").asLong(),
                            state.path("alreadyThere").asLong());
                }
            } finally {
                service.destroy();
                service.waitFor();
            }
        }
    }

    /** Rows spread over three years before this month, all valid. */
    private static byte[] file(int rows) {
        var random = new Random(7);
        var text = new StringBuilder(HEADER).append("\r\n");
        YearMonth first = YearMonth.now().minusMonths(38); // closed at most 50 days on: none in the future
        for (int i = 0; i < rows; i++) {
            YearMonth month = first.plusMonths(random.nextInt(36));
            text.append("BENCH-")
                    .append(i)
                    .append(',')
                    .append(month)
                    .append(",HATE_INCIDENT,")
                    .append(HATE[random.nextInt(HATE.length)])
                    .append(',')
                    .append(WARDS[random.nextInt(WARDS.length)])
                    .append(",STREET_OR_PUBLIC_SPACE,VICTIM,RACE,RACE,RACE,")
                    .append(OUTCOMES[random.nextInt(OUTCOMES.length)])
                    .append(',')
                    .append(month.atDay(1).plusDays(10 + random.nextInt(40)))
                    .append("\r\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private JsonNode post(String url, byte[] body, String bearer) throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", bearer)
                        .header("Content-Type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    private JsonNode await(String progress, String bearer) throws Exception {
        while (true) {
            var response = http.send(
                    HttpRequest.newBuilder(URI.create(progress))
                            .header("Authorization", bearer)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode state = json.readTree(response.body());
            if (!state.path("state").asText().equals("RUNNING")) {
                return state;
            }
            Thread.sleep(100);
        }
    }

    private void awaitUp(String health, Process service, Path log) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the command-service stopped; see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(health)).build(), HttpResponse.BodyHandlers.ofString())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (java.io.IOException starting) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the command-service did not start; see " + log);
    }

    private static double seconds(Instant since) {
        return Duration.between(since, Instant.now()).toMillis() / 1000.0;
    }
}
