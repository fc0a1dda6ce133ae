package haven.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import haven.infra.embedded.EmbeddedStore;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.HdrHistogram.Histogram;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * Every event-store figure in one run on one embedded store, side by side: raw single-document
 * inserts with the plain driver (the limit), Axon's Mongo extension engine, and Haven's engine;
 * commands per second at 1 and 8 client threads (each command loads an existing aggregate and
 * appends to it), the projection's stored token size, and command-to-view latency with the
 * projection in a separate process. Repeated with 10,000 and 1,000,000 events already stored.
 *
 * <p>{@code java -Xmx8g -jar infra/benchmark/target/haven-benchmark.jar [seconds=10] [sizes=10000,1000000]
 * [engines=raw,axon-mongo,haven] [memory|h2]}
 * (run as a jar: the view process is started from the same jar)
 */
public final class Benchmark {

    record Row(
            String engine,
            long stored,
            double perSecond1,
            double perSecond8,
            Integer tokenBytes,
            Double p50Ms,
            Double p99Ms) {}

    static final int EVENTS_PER_ACCOUNT = 10;
    static final int LATENCY_RATE_PER_SECOND = 50;
    static final Duration FETCH_DELAY = Duration.ofMillis(25);

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("reader")) {
            ViewReader.run(args);
            return;
        }
        if (!withShortCollectorPauses()) {
            System.exit(relaunchedWithShortCollectorPauses(args));
        }
        if (args.length > 0 && args[0].equals("reads")) {
            ReadBenchmark.run(args);
            System.exit(0);
        }
        if (args.length > 0 && args[0].equals("service")) {
            ServiceBenchmark.run(args);
            System.exit(0);
        }
        if (args.length > 0 && args[0].equals("soak")) {
            SoakBenchmark.run(args);
            System.exit(0);
        }
        if (args.length > 0 && args[0].equals("history")) {
            HistoryImportBenchmark.run(args);
            System.exit(0);
        }
        if (args.length > 0 && args[0].equals("backup")) {
            BackupBenchmark.run(args);
            System.exit(0);
        }
        if (args.length > 0 && args[0].equals("durability")) {
            StoreDurability.run(args.length > 1 ? Integer.parseInt(args[1]) : 10);
            System.exit(0);
        }
        if (args.length > 0 && args[0].equals("bus")) {
            args = Arrays.copyOfRange(args, 1, args.length); // the write-side run, as BENCHMARKS.md names it
        }
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        String sizes = args.length > 1 ? args[1] : "10000,1000000";
        List<String> engines =
                List.of(args.length > 2 ? args[2].split(",") : new String[] {"raw", Engines.AXON_MONGO, Engines.HAVEN});
        var rows = new ArrayList<Row>();
        boolean onDisk = args.length > 3 && args[3].equals("h2");
        try (var store = onDisk
                        ? EmbeddedStore.persistent(Files.createTempDirectory("bench-h2"), 0)
                        : EmbeddedStore.inMemory();
                var client = MongoClients.create(store.uri("bench"))) {
            System.out.printf(
                    "Embedded store (%s) on port %d; %d s per measurement; %s%n",
                    onDisk ? "H2 backend on disk, commit on acknowledge" : "memory backend",
                    store.port(),
                    seconds,
                    Runtime.version());
            for (String size : sizes.split(",")) {
                long stored = Long.parseLong(size.trim());
                for (String engine : engines) {
                    rows.add(print(
                            engine.equals("raw")
                                    ? raw(client, stored, seconds)
                                    : engine(client, store.uri("bench-" + engine), engine, stored, seconds)));
                }
            }
        }
        System.out.println();
        System.out.println(
                "| engine | events stored | commands/s, 1 thread | commands/s, 8 threads | token bytes | command→view p50 ms | p99 ms |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        rows.forEach(r -> System.out.printf(
                "| %s | %,d | %,.0f | %,.0f | %s | %s | %s |%n",
                r.engine(),
                r.stored(),
                r.perSecond1(),
                r.perSecond8(),
                orDash(r.tokenBytes()),
                orDash(r.p50Ms()),
                orDash(r.p99Ms())));
        System.exit(0);
    }

    static Row raw(MongoClient client, long stored, int seconds) {
        MongoDatabase database = client.getDatabase("bench-raw");
        database.drop();
        var inserts = database.getCollection("inserts");
        var batch = new ArrayList<Document>();
        for (long i = 0; i < stored; i++) {
            batch.add(eventSizedDocument());
            if (batch.size() == 1000) {
                inserts.insertMany(batch);
                batch.clear();
            }
        }
        throughput(8, seconds, () -> inserts.insertOne(eventSizedDocument())); // warm up, as for the bus
        double one = throughput(1, seconds, () -> inserts.insertOne(eventSizedDocument()));
        double eight = throughput(8, seconds, () -> inserts.insertOne(eventSizedDocument()));
        database.drop();
        return new Row("raw insertOne (the limit)", stored, one, eight, null, null, null);
    }

    private static Row engine(MongoClient client, String uri, String name, long stored, int seconds) throws Exception {
        MongoDatabase database = client.getDatabase("bench-" + name);
        database.drop();
        EventStorageEngine engine = Engines.create(name, database);
        long accounts = Math.max(1, stored / EVENTS_PER_ACCOUNT);
        prefill(engine, accounts);
        var axon = Engines.start(Engines.axon(engine, FETCH_DELAY));
        var commands = axon.commandGateway();
        Runnable deposit = () -> commands.sendAndWait(
                new BenchAccount.Deposit("acc-" + ThreadLocalRandom.current().nextLong(accounts), Engines.nowMicros()));
        double one = throughput(1, seconds, deposit);
        double eight = throughput(8, seconds, deposit);

        Path work = Files.createTempDirectory("bench-" + name);
        Process reader = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-Xmx1g",
                        "-Daxoniq.update-checker.disabled=true",
                        "-jar",
                        System.getProperty("java.class.path"),
                        "reader",
                        uri,
                        "bench-" + name,
                        name,
                        work.toString(),
                        Long.toString(FETCH_DELAY.toMillis()))
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("reader.out").toFile())
                .start();
        awaitFile(work.resolve("ready"), reader);
        long sent = paced(LATENCY_RATE_PER_SECOND, seconds, deposit);
        Path log = work.resolve("latencies.log");
        Instant deadline = Instant.now().plusSeconds(30);
        while (Files.readAllLines(log).size() < sent && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        Files.createFile(work.resolve("stop"));
        reader.waitFor();
        axon.shutdown();

        var histogram = new Histogram(3);
        Files.readAllLines(log).forEach(line -> histogram.recordValue(Math.max(0, Long.parseLong(line))));
        Document token = database.getCollection("trackingtokens")
                .find(new Document("processorName", ViewReader.PROCESSOR))
                .first();
        Integer tokenBytes =
                token == null ? null : token.get("token", Binary.class).length();
        database.drop();
        String seen =
                histogram.getTotalCount() < sent ? " (view saw " + histogram.getTotalCount() + " of " + sent + ")" : "";
        return new Row(
                name + seen,
                stored,
                one,
                eight,
                tokenBytes,
                histogram.getValueAtPercentile(50) / 1000.0,
                histogram.getValueAtPercentile(99) / 1000.0);
    }

    /**
     * Commands per second at 1 and 8 threads through Axon's command bus in this JVM on Haven's engine,
     * each loading one of 10,000 aggregates (10 events each) and appending one event.
     */
    static double[] commandBus(MongoClient client, int seconds) {
        MongoDatabase database = client.getDatabase("bench-command-bus");
        database.drop();
        EventStorageEngine engine = Engines.create(Engines.HAVEN, database);
        long accounts = 10_000;
        prefill(engine, accounts);
        var axon = Engines.start(Engines.axon(engine, FETCH_DELAY));
        var commands = axon.commandGateway();
        Runnable deposit = () -> commands.sendAndWait(
                new BenchAccount.Deposit("acc-" + ThreadLocalRandom.current().nextLong(accounts), Engines.nowMicros()));
        throughput(8, seconds, deposit); // warm up: the first seconds ran at half speed while the JIT compiled
        double[] rates = {throughput(1, seconds, deposit), throughput(8, seconds, deposit)};
        axon.shutdown();
        database.drop();
        return rates;
    }

    /**
     * Stores {@code accounts} x 10 events, one commit per account as a command would make it: a
     * commit is one document, so appending a thousand events at once made thousand-event documents
     * that every load then decoded whole (the bus measured 16 commands/s on them).
     */
    private static void prefill(EventStorageEngine engine, long accounts) {
        LongStream.range(0, accounts)
                .parallel()
                .forEach(a -> engine.appendEvents(IntStream.range(0, EVENTS_PER_ACCOUNT)
                        .mapToObj(sequence -> new GenericDomainEventMessage<>(
                                "BenchAccount", "acc-" + a, sequence, new BenchAccount.Deposited("acc-" + a, 0)))
                        .toList()));
    }

    /** The pause goal the embedded store's JVM runs with; G1's default is 200 ms. */
    static final String SHORT_PAUSES = "-XX:MaxGCPauseMillis=20";

    private static boolean withShortCollectorPauses() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(argument -> argument.startsWith("-XX:MaxGCPauseMillis="));
    }

    /**
     * The stand-in store lives in this JVM and holds everything in its heap; with G1's default goal it
     * paused 100–240 ms every few seconds, and each pause stopped every request to the store, which a
     * real mongod does not do: the paced runs' p99 was this process's collector (BENCHMARKS.md, seventh
     * step). So this JVM runs again, with a short goal and the same options, unless one was given.
     */
    private static int relaunchedWithShortCollectorPauses(String[] args) throws Exception {
        var command = new ArrayList<String>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add(SHORT_PAUSES);
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        String classPath = System.getProperty("java.class.path");
        // the packaged benchmark is a Spring Boot jar, whose classes only its own launcher finds
        command.addAll(
                classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)
                        ? List.of("-jar", classPath)
                        : List.of("-cp", classPath, Benchmark.class.getName()));
        command.addAll(List.of(args));
        Process relaunched = new ProcessBuilder(command).inheritIO().start();
        Runtime.getRuntime().addShutdownHook(new Thread(relaunched::destroy)); // Ctrl-C stops both
        return relaunched.waitFor();
    }

    /** Completed operations per second over {@code seconds}; an operation that throws does not count. */
    static double throughput(int threads, int seconds, Runnable operation) {
        var done = new AtomicLong();
        Instant end = Instant.now().plusSeconds(seconds);
        var workers = new ArrayList<Thread>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            var worker = new Thread(() -> {
                while (Instant.now().isBefore(end)) {
                    try {
                        operation.run();
                        done.incrementAndGet();
                    } catch (RuntimeException raced) {
                        // a lost race is not a completed command
                    }
                }
            });
            worker.start();
            workers.add(worker);
        }
        workers.forEach(Benchmark::join);
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }

    private static long paced(int perSecond, int seconds, Runnable operation) throws InterruptedException {
        long interval = 1_000_000_000L / perSecond;
        long next = System.nanoTime();
        long end = next + seconds * 1_000_000_000L;
        long sent = 0;
        while (System.nanoTime() < end) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            try {
                operation.run();
                sent++;
            } catch (RuntimeException raced) {
                // not sent
            }
            next += interval;
        }
        return sent;
    }

    private static Document eventSizedDocument() {
        return new Document(
                        "aggregateIdentifier",
                        "acc-" + ThreadLocalRandom.current().nextInt())
                .append("sequenceNumber", 0L)
                .append("payloadType", BenchAccount.Deposited.class.getName())
                .append("timestamp", Instant.now().toString())
                .append("payload", "{\"account\":\"acc-123456\",\"sentAtMicros\":1763900000000000}")
                .append("metaData", "{\"traceId\":\"" + java.util.UUID.randomUUID() + "\"}");
    }

    private static void awaitFile(Path file, Process writer) throws InterruptedException {
        while (!Files.exists(file)) {
            if (!writer.isAlive()) {
                throw new IllegalStateException(
                        "the view process did not start; see " + file.resolveSibling("reader.out"));
            }
            Thread.sleep(100);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Row print(Row row) {
        System.out.println(row);
        return row;
    }

    private static String orDash(Object value) {
        return value == null ? "–" : value instanceof Double d ? String.format("%.1f", d) : value.toString();
    }

    private Benchmark() {}
}
