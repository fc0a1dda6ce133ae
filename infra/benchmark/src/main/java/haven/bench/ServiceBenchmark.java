package haven.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import haven.infra.embedded.EmbeddedStore;
import haven.infra.embedded.EmbeddedStore.Durability;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;
import org.bson.Document;

/**
 * Every service figure of issue 7 in one run, on one embedded store in this JVM (memory backend, or
 * with {@code h2} the local stack's own: on disk, every write committed before it is acknowledged, as a
 * journaled mongod does; {@code h2-every-second} commits once a second instead, the most any grouping
 * of commits could gain), with the real command-service and query-service jars as separate processes:
 * <ol>
 * <li>raw single-document inserts with the plain driver (the limit), 1 and 8 client threads;</li>
 * <li>commands through Axon's command bus in this process on Haven's event store (load a case-sized
 * aggregate, append one event), 1 and 8 threads;</li>
 * <li>{@code POST /api/reports} over HTTP, 1 and 8 threads;</li>
 * <li>report sent → its row in the caseload view the other process serves, paced at 200 reports/s;</li>
 * <li>each projection's rebuild rate (the query-service started on the stored history) against a raw
 * sequential read of the event collection;</li>
 * <li>{@code GET /api/caseload} and {@code GET /api/trends}, p50/p99;</li>
 * <li>each service's heap (after a full GC) with the history loaded.</li>
 * </ol>
 *
 * <p>{@code java -Xmx10g -jar infra/benchmark/target/haven-benchmark.jar service [seconds=10] [events=1000000] [requests=2000] [memory|h2|h2-every-second]}
 */
final class ServiceBenchmark {

    static final int PACED_RATE = 200;
    /** What two cores can hash receipts for with room to spare: latency without a queue in front of it. */
    static final int SUSTAINABLE_RATE = 5;

    static final int PACED_SENDERS = 32;

    /**
     * The raw limit, the bus and the POST rates do not change with a longer run; run for longer, they
     * only fill the memory store's heap (a 60 s run left 1.3 million raw documents, and the raw rate at
     * 8 threads fell to 1/s), which slowed everything measured after them.
     */
    static final int LIMIT_SECONDS = 10;

    private final HttpClient http = HttpClient.newBuilder()
            .executor(Executors.newFixedThreadPool(PACED_SENDERS))
            .build();
    private final ObjectMapper json = new ObjectMapper();
    private final ReadBenchmark reads;
    private final Map<String, String> figures = new LinkedHashMap<>();

    ServiceBenchmark() throws Exception {
        reads = new ReadBenchmark();
    }

    static void run(String[] args) throws Exception {
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        long events = args.length > 2 ? Long.parseLong(args[2]) : 1_000_000;
        int requests = args.length > 3 ? Integer.parseInt(args[3]) : 2000;
        Backend backend = Backend.named(args.length > 4 ? args[4] : "memory");
        new ServiceBenchmark().measure(seconds, events, requests, backend);
    }

    /** The store a run is on, named on the command line as {@code memory}, {@code h2} or {@code h2-every-second}. */
    private enum Backend {
        MEMORY("memory backend", null),
        H2("H2 backend on disk, commit on acknowledge", Durability.ON_ACKNOWLEDGE),
        H2_EVERY_SECOND("H2 backend on disk, commit once a second", Durability.EVERY_SECOND);

        final String description;
        /** When a write counts as stored on disk; none for the memory backend. */
        private final Durability durability;

        Backend(String description, Durability durability) {
            this.description = description;
            this.durability = durability;
        }

        static Backend named(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        }

        EmbeddedStore open() throws IOException {
            return durability == null
                    ? EmbeddedStore.inMemory()
                    : EmbeddedStore.persistent(
                            Files.createTempDirectory("bench-service-h2"),
                            0,
                            durability,
                            EmbeddedStore.defaultCacheMegabytes());
        }
    }

    private void measure(int seconds, long events, int requests, Backend backend) throws Exception {
        Path root = Path.of(System.getProperty("haven.root", "."));
        Path commandJar = jar(root, "command-service");
        Path queryJar = jar(root, "query-service");
        int limitSeconds = Math.min(seconds, LIMIT_SECONDS);
        try (var store = backend.open();
                var client = MongoClients.create(store.uri("haven"))) {
            System.out.printf(
                    "Embedded store (%s) on port %d; %d s per paced run, %d s per rate; %s; %d cores%n",
                    backend.description,
                    store.port(),
                    seconds,
                    limitSeconds,
                    Runtime.version(),
                    Runtime.getRuntime().availableProcessors());
            var raw = Benchmark.raw(client, 0, limitSeconds);
            figure(
                    "1. raw insertOne (the limit)",
                    "%,.0f/s at 1 thread, %,.0f/s at 8",
                    raw.perSecond1(),
                    raw.perSecond8());
            var bus = Benchmark.commandBus(client, limitSeconds);
            figure(
                    "2. command bus, in-process",
                    "%,.0f/s at 1 thread (%.0f %% of raw), %,.0f/s at 8 (%.0f %%)",
                    bus[0],
                    100 * bus[0] / raw.perSecond1(),
                    bus[1],
                    100 * bus[1] / raw.perSecond8());

            String masterKey = ReadBenchmark.newMasterKey();
            var caseIds = reads.load(client.getDatabase("haven"), events, masterKey);
            System.out.printf("%,d events stored for %,d cases%n", events, caseIds.size());
            double rawRead = rawSequentialRead(client);

            int commandPort = ReadBenchmark.freePort();
            int queryPort = ReadBenchmark.freePort();
            Path logs = Files.createTempDirectory("bench-services");
            Process command = reads.startService(
                    commandJar, commandPort, store.uri("haven"), masterKey, logs.resolve("command.log"));
            Instant started = Instant.now();
            Process query =
                    reads.startService(queryJar, queryPort, store.uri("haven"), masterKey, logs.resolve("query.log"));
            try {
                String commandUrl = "http://127.0.0.1:" + commandPort;
                String queryUrl = "http://127.0.0.1:" + queryPort;
                var rebuilt = reads.awaitCaughtUp(
                        queryUrl,
                        events - 1,
                        started,
                        query,
                        logs.resolve("query.log").toFile());
                rebuilt.forEach((processor, took) -> figure(
                        "5. rebuild " + processor,
                        "%,.0f events/s (%.0f %% of the raw read) — %,d events in %.0f s",
                        events / took,
                        100 * events / took / rawRead,
                        events,
                        took));
                awaitUp(
                        commandUrl + "/actuator/health",
                        command,
                        logs.resolve("command.log").toFile());

                double one = Benchmark.throughput(1, limitSeconds, () -> submit(commandUrl));
                var cpuBefore = new CpuUsed(command, query);
                double eight = Benchmark.throughput(8, limitSeconds, () -> submit(commandUrl));
                awaitEverythingProjected(client, queryUrl, query, logs);
                cpuBefore.figure(this, eight * limitSeconds);
                figure(
                        "3. POST /api/reports over HTTP",
                        "%,.0f/s at 1 thread (%.0f %% of raw), %,.0f/s at 8 (%.0f %% of raw, %.0f %% of the bus)",
                        one,
                        100 * one / raw.perSecond1(),
                        eight,
                        100 * eight / raw.perSecond8(),
                        100 * eight / bus[1]);

                visibleInTheOtherProcess(client, commandUrl, seconds, PACED_RATE);
                visibleInTheOtherProcess(client, commandUrl, seconds, SUSTAINABLE_RATE);
                // reads are timed once the projections have caught up with the paced reports, not alongside them
                awaitEverythingProjected(client, queryUrl, query, logs);

                String base = queryUrl;
                IntFunction<ReadBenchmark.Read> caseload = i -> new ReadBenchmark.Read(
                        base + "/api/caseload", reads.caseworkers.get(i % reads.caseworkers.size()));
                String[] tables = {
                    "by=category,outcome&period=financial-year",
                    "by=area&period=financial-quarter",
                    "by=characteristic,strand&period=financial-year",
                    "by=type&period=month"
                };
                IntFunction<ReadBenchmark.Read> trends = i -> new ReadBenchmark.Read(
                        base + "/api/trends?from=2025-04&to=2026-03&" + tables[i % tables.length], reads.board);
                for (var read : Map.of(
                                "6. GET /api/caseload (one caseworker's)",
                                caseload,
                                "6. GET /api/trends (a year, 1–2 dimensions)",
                                trends)
                        .entrySet()) {
                    Histogram h = reads.time(read.getValue(), requests);
                    figure(
                            read.getKey(),
                            "p50 %.1f ms, p99 %.1f ms (%,d requests, one client)",
                            ReadBenchmark.ms(h, 50),
                            ReadBenchmark.ms(h, 99),
                            requests);
                }
                figure("7. command-service heap", "%s", heapAfterGc(command, commandUrl));
                figure("7. query-service heap", "%s", heapAfterGc(query, queryUrl));
            } finally {
                command.destroy();
                query.destroy();
                command.waitFor();
                query.waitFor();
            }
        }
        System.out.println();
        System.out.println("| figure | result |");
        System.out.println("|---|---|");
        figures.forEach((name, value) -> System.out.printf("| %s | %s |%n", name, value));
    }

    /** Waits until the query-service has projected every event stored so far. */
    private void awaitEverythingProjected(MongoClient client, String queryUrl, Process query, Path logs)
            throws Exception {
        long head = client.getDatabase("haven")
                        .getCollection("event_counters")
                        .find(Filters.eq("_id", "events"))
                        .first()
                        .getLong("next")
                - 1;
        reads.awaitCaughtUp(
                queryUrl, head, Instant.now(), query, logs.resolve("query.log").toFile());
    }

    /**
     * CPU time each process has used so far: per report, a figure that does not move with how busy the
     * machine is, unlike the rates and latencies (both cores are saturated while reports are posted).
     */
    private record CpuUsed(
            Process command, Process query, Duration commandUsed, Duration queryUsed, Duration harnessUsed) {

        CpuUsed(Process command, Process query) {
            this(command, query, used(command.toHandle()), used(query.toHandle()), used(ProcessHandle.current()));
        }

        private static Duration used(ProcessHandle process) {
            return process.info().totalCpuDuration().orElse(Duration.ZERO);
        }

        void figure(ServiceBenchmark benchmark, double reports) {
            var now = new CpuUsed(command, query);
            benchmark.figure(
                    "3. CPU a report, 8 clients posting until the caseload has them",
                    "command-service %.1f ms, query-service %.1f ms, this process (store, clients) %.1f ms",
                    now.commandUsed.minus(commandUsed).toNanos() / 1e6 / reports,
                    now.queryUsed.minus(queryUsed).toNanos() / 1e6 / reports,
                    now.harnessUsed.minus(harnessUsed).toNanos() / 1e6 / reports);
        }
    }

    private void figure(String name, String format, Object... values) {
        String value = String.format(format, values);
        figures.put(name, value);
        System.out.println(name + ": " + value);
    }

    private static Path jar(Path root, String service) {
        Path jar = root.resolve(service + "/target/" + service + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run ./mvnw -q -DskipTests package first");
        }
        return jar;
    }

    /** Every stored event read in position order with the plain driver: the fastest a rebuild could read. */
    private double rawSequentialRead(MongoClient client) {
        long start = System.nanoTime();
        long read = 0;
        for (Document stored :
                client.getDatabase("haven").getCollection("events").find().batchSize(1000)) {
            read += 1 + stored.getList("more", Document.class, List.of()).size(); // a commit is one document
        }
        double rate = read / ((System.nanoTime() - start) / 1e9);
        figure("5. raw sequential read of the events", "%,.0f events/s (%,d events)", rate, read);
        return rate;
    }

    /** What a paced run measured: latencies in microseconds from sent and from the 201 to the caseload row. */
    record Paced(Histogram fromSent, Histogram fromAck, long acknowledged, long skipped, int notVisible) {}

    private void visibleInTheOtherProcess(MongoClient client, String commandUrl, int seconds, int rate)
            throws Exception {
        var run = paced(client, commandUrl, seconds, rate);
        figure(
                "4. report → caseload row, other process, paced at " + rate + "/s",
                "sent→visible p50 %.1f ms, p99 %.1f ms; 201→visible p50 %.1f ms, "
                        + "p99 %.1f ms; %,d reports acknowledged in %d s (%.0f/s; %,d ticks of %d/s skipped, every sender busy)%s",
                ReadBenchmark.ms(run.fromSent(), 50),
                ReadBenchmark.ms(run.fromSent(), 99),
                ReadBenchmark.ms(run.fromAck(), 50),
                ReadBenchmark.ms(run.fromAck(), 99),
                run.acknowledged(),
                seconds,
                run.acknowledged() / (double) seconds,
                run.skipped(),
                rate,
                run.notVisible() == 0 ? "" : "; NOT VISIBLE after 30 s: " + run.notVisible());
    }

    /**
     * Reports sent at {@code rate} a second (a sender free or the tick is skipped, so a slow
     * service is not buried under a queue) for {@code seconds}; each one's time from being sent, and
     * from its 201, to its row in the caseload view that the other process reads.
     */
    Paced paced(MongoClient client, String commandUrl, int seconds, int rate) throws Exception {
        return paced(client, commandUrl, seconds, rate, caseId -> {});
    }

    /** As above, telling {@code made} each new case's id as its report is acknowledged. */
    Paced paced(MongoClient client, String commandUrl, int seconds, int rate, Consumer<String> made) throws Exception {
        // the caseload is kept in two generations of views (the query-service's CaseViews): a row shows in either
        var generations = List.of(
                client.getDatabase("haven").getCollection("caseload"),
                client.getDatabase("haven").getCollection("caseload_1"));
        var sentAt = new ConcurrentHashMap<String, long[]>(); // caseId -> {sent, acknowledged} nanos
        var fromSent = new Histogram(3);
        var fromAck = new Histogram(3);
        var running = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (running.get() || !sentAt.isEmpty()) {
                var pending = new ArrayList<>(sentAt.keySet());
                if (!pending.isEmpty()) {
                    var rows = new ArrayList<Document>();
                    generations.forEach(caseload -> caseload.find(Filters.in("_id", pending))
                            .projection(new Document("_id", 1))
                            .into(rows));
                    for (Document row : rows) {
                        long now = System.nanoTime();
                        long[] times = sentAt.remove(row.getString("_id"));
                        if (times == null) {
                            continue; // seen in both generations at once
                        }
                        synchronized (fromSent) {
                            fromSent.recordValue((now - times[0]) / 1000);
                            fromAck.recordValue(Math.max(0, now - times[1]) / 1000);
                        }
                    }
                }
                try {
                    // every 5 ms: each look is two queries on the cores the services share, and polling every
                    // 2 ms put 1,000 of them a second on the store; a row is seen at most 5 ms late, never early
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        watcher.start();
        var senders = new Semaphore(PACED_SENDERS);
        var pool = Executors.newFixedThreadPool(PACED_SENDERS);
        var skipped = new AtomicLong();
        var acknowledged = new AtomicLong();
        long interval = 1_000_000_000L / rate;
        long next = System.nanoTime();
        long end = next + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            next += interval;
            if (!senders.tryAcquire()) {
                skipped.incrementAndGet();
                continue;
            }
            pool.execute(() -> {
                try {
                    long sent = System.nanoTime();
                    String caseId = submit(commandUrl);
                    sentAt.put(caseId, new long[] {sent, System.nanoTime()});
                    acknowledged.incrementAndGet();
                    made.accept(caseId);
                } finally {
                    senders.release();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
        Instant deadline = Instant.now().plusSeconds(30);
        while (!sentAt.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        running.set(false);
        int lost = sentAt.size();
        sentAt.clear();
        watcher.join();
        return new Paced(fromSent, fromAck, acknowledged.get(), skipped.get(), lost);
    }

    private static final String REPORT = """
            {"type": "HATE_INCIDENT", "category": "VERBAL_ABUSE", "occurredOn": "2026-10-01",
             "locationType": "PUBLIC_TRANSPORT", "area": "CASTLE", "motivations": ["RACE"],
             "reporterRole": "VICTIM", "anonymous": true, "narrative": "Shouted at on the bus, benchmark %d"}""";

    /** One anonymous report; its case id. */
    private String submit(String commandUrl) {
        try {
            var response = http.send(
                    HttpRequest.newBuilder(URI.create(commandUrl + "/api/reports"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    REPORT.formatted(ThreadLocalRandom.current().nextInt())))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("POST /api/reports answered " + response.statusCode());
            }
            return json.readTree(response.body()).path("caseId").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String get(String url, String bearer) throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", bearer)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
        return response.body();
    }

    void awaitUp(String health, Process service, File log) throws Exception {
        Instant deadline = Instant.now().plusSeconds(180);
        while (Instant.now().isBefore(deadline)) {
            if (!service.isAlive()) {
                throw new IllegalStateException("service stopped; see " + log);
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
            Thread.sleep(500);
        }
        throw new IllegalStateException("not healthy within 3 minutes; see " + log);
    }

    /** Heap in use right after a full collection (jcmd GC.run), as the service's own metrics report it. */
    private String heapAfterGc(Process service, String base) throws Exception {
        String before = reads.heap(base);
        return String.format("%.0f MB used (limit 512 MB)", heapAfterFullGc(service, base)) + " after a full GC; "
                + before.replace(" (limit 512 MB)", "") + " before it";
    }

    double heapAfterFullGc(Process service, String base) throws Exception {
        jcmd(service, "GC.run", ProcessBuilder.Redirect.DISCARD);
        Thread.sleep(500);
        return reads.heapMegabytes(base);
    }

    /** Runs a diagnostic command in the service's JVM (jcmd) and waits for it. */
    static void jcmd(Process service, String command, ProcessBuilder.Redirect output) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        new ProcessBuilder(jcmd.toString(), Long.toString(service.pid()), command)
                .redirectErrorStream(true)
                .redirectOutput(output)
                .start()
                .waitFor();
    }

    static Path jarOf(String service) {
        return jar(Path.of(System.getProperty("haven.root", ".")), service);
    }

    ReadBenchmark reads() {
        return reads;
    }
}
