package haven.bench;

import com.mongodb.client.MongoClients;
import haven.infra.embedded.EmbeddedStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Memory flat with history: reports at a steady rate for half an hour with both services on a
 * small heap, nothing scraping their metrics. Reports only, unless asked to close each case a while
 * after its report ({@link Closer}), which keeps the open caseload steady while the history grows
 * but costs three staff commands per report. Each service's heap right after a full collection,
 * and the report → caseload p99 of the minute, at minute 5 and at the end; each must be within
 * 10 % of minute 5. Every minute's figures are printed as it ends.
 *
 * <p>{@code java -Xmx4g -jar infra/benchmark/target/haven-benchmark.jar soak [minutes=30] [reports/s=50] [heap=256m] [close-after-seconds=0]}
 */
final class SoakBenchmark {

    static final int BASELINE_MINUTE = 5;
    static final double ALLOWED_GROWTH = 0.10;
    /** The team a report goes to first (the bundled single organisation's). */
    static final String INTAKE_TEAM = "equality";

    record Minute(int minute, long acknowledged, double p50, double p99, Double commandHeap, Double queryHeap) {}

    static void run(String[] args) throws Exception {
        int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        String heap = args.length > 3 ? args[3] : "256m";
        // how long each case stays open before it is closed; 0: never
        int closeAfterSeconds = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        var bench = new ServiceBenchmark();
        var reads = bench.reads();
        var logs = Files.createTempDirectory("bench-soak");
        try (var store = EmbeddedStore.inMemory();
                var client = MongoClients.create(store.uri("haven"))) {
            String masterKey = ReadBenchmark.newMasterKey();
            int commandPort = ReadBenchmark.freePort();
            int queryPort = ReadBenchmark.freePort();
            Process command = reads.startService(
                    ServiceBenchmark.jarOf("command-service"),
                    commandPort,
                    store.uri("haven"),
                    masterKey,
                    logs.resolve("command.log"),
                    heap);
            Process query = reads.startService(
                    ServiceBenchmark.jarOf("query-service"),
                    queryPort,
                    store.uri("haven"),
                    masterKey,
                    logs.resolve("query.log"),
                    heap);
            String commandUrl = "http://127.0.0.1:" + commandPort;
            String queryUrl = "http://127.0.0.1:" + queryPort;
            try {
                bench.awaitUp(
                        commandUrl + "/actuator/health",
                        command,
                        logs.resolve("command.log").toFile());
                bench.awaitUp(
                        queryUrl + "/actuator/health",
                        query,
                        logs.resolve("query.log").toFile());
                System.out.printf(
                        "Soak: %d reports/s for %d minutes, both services at -Xmx%s; %d cores; logs in %s%n",
                        rate, minutes, heap, Runtime.getRuntime().availableProcessors(), logs);
                var measured = new ArrayList<Minute>();
                try (var closer = new Closer(
                        commandUrl,
                        reads.tokens.bearer("mgr.soak", INTAKE_TEAM, "CASE_MANAGER"),
                        Duration.ofSeconds(closeAfterSeconds))) {
                    for (int minute = 1; minute <= minutes; minute++) {
                        var run = bench.paced(
                                client,
                                commandUrl,
                                60,
                                rate,
                                closeAfterSeconds > 0 ? closer::closeLater : caseId -> {});
                        boolean weigh = minute == BASELINE_MINUTE || minute == minutes;
                        var result = new Minute(
                                minute,
                                run.acknowledged(),
                                ReadBenchmark.ms(run.fromSent(), 50),
                                ReadBenchmark.ms(run.fromSent(), 99),
                                weigh ? bench.heapAfterFullGc(command, commandUrl) : null,
                                weigh ? bench.heapAfterFullGc(query, queryUrl) : null);
                        measured.add(result);
                        if (weigh) {
                            histogram(command, logs.resolve("command-minute-" + minute + ".histo"));
                            histogram(query, logs.resolve("query-minute-" + minute + ".histo"));
                        }
                        System.out.println(result
                                + (closeAfterSeconds == 0 ? "" : "; closed so far " + closer.closed())
                                + (closer.refused() == 0 ? "" : ", NOT CLOSED " + closer.refused())
                                + (run.notVisible() == 0 ? "" : "; NOT VISIBLE: " + run.notVisible()));
                    }
                }
                summarise(measured);
                for (String service : List.of("command", "query")) {
                    System.out.println();
                    System.out.println(service + "-service: classes whose live bytes grew most from minute "
                            + BASELINE_MINUTE + " to " + minutes);
                    grewMost(
                                    logs.resolve(service + "-minute-" + BASELINE_MINUTE + ".histo"),
                                    logs.resolve(service + "-minute-" + minutes + ".histo"))
                            .forEach(System.out::println);
                }
            } finally {
                command.destroy();
                query.destroy();
                command.waitFor();
                query.waitFor();
            }
        }
    }

    /** Live objects by class (jcmd GC.class_histogram, which collects first), kept in the logs folder. */
    private static void histogram(Process service, Path file) throws Exception {
        ServiceBenchmark.jcmd(service, "GC.class_histogram", ProcessBuilder.Redirect.to(file.toFile()));
    }

    /** The ten classes whose live bytes grew most between two histograms. */
    static List<String> grewMost(Path before, Path after) throws Exception {
        if (!Files.exists(before) || !Files.exists(after)) {
            return List.of("(no histogram to compare)");
        }
        Map<String, long[]> was = bytesByClass(before);
        return bytesByClass(after).entrySet().stream()
                .map(e -> Map.entry(e.getKey(), new long[] {
                    e.getValue()[0] - was.getOrDefault(e.getKey(), new long[2])[0],
                    e.getValue()[1] - was.getOrDefault(e.getKey(), new long[2])[1]
                }))
                .sorted(Comparator.comparingLong(e -> -e.getValue()[1]))
                .limit(10)
                .map(e -> String.format(
                        "  %+,12d bytes %+,10d instances  %s", e.getValue()[1], e.getValue()[0], e.getKey()))
                .toList();
    }

    /** class name → {instances, bytes} from a "num: #instances #bytes class" histogram. */
    private static Map<String, long[]> bytesByClass(Path histogram) throws Exception {
        var rows = new HashMap<String, long[]>();
        for (String line : Files.readAllLines(histogram)) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length >= 4 && columns[0].endsWith(":")) {
                rows.put(columns[3], new long[] {Long.parseLong(columns[1]), Long.parseLong(columns[2])});
            }
        }
        return rows;
    }

    private static void summarise(List<Minute> minutes) {
        if (minutes.size() <= BASELINE_MINUTE) {
            System.out.println("too short to compare with minute " + BASELINE_MINUTE);
            return;
        }
        Minute start = minutes.get(BASELINE_MINUTE - 1);
        Minute end = minutes.get(minutes.size() - 1);
        System.out.println();
        System.out.printf("| figure | minute %d | minute %d | change |%n", start.minute(), end.minute());
        System.out.println("|---|---:|---:|---:|");
        row("command-service heap after a full GC, MB", start.commandHeap(), end.commandHeap());
        row("query-service heap after a full GC, MB", start.queryHeap(), end.queryHeap());
        row("report → caseload p99 from sent, ms", start.p99(), end.p99());
        System.out.printf(
                "| reports acknowledged in the minute | %,d | %,d | |%n", start.acknowledged(), end.acknowledged());
    }

    private static void row(String figure, double start, double end) {
        double change = (end - start) / start;
        System.out.printf(
                "| %s | %.1f | %.1f | %+.0f %% %s |%n",
                figure, start, end, 100 * change, change <= ALLOWED_GROWTH ? "(within 10 %)" : "(**over 10 %**)");
    }

    private SoakBenchmark() {}
}
