package haven.infra.eventstore.ledger;

import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import haven.infra.embedded.EmbeddedStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * Several writer processes and a reader process on one store: one writer's clock runs 8 s slow,
 * one sleeps between reserving its position and inserting, and one is killed with {@code kill -9}
 * mid-run and restarted. Then it checks the ledger: every acknowledged deposit stored once, every
 * account's sequence contiguous, the reader saw each stored event once and in account order, and
 * the reader's totals equal a rebuild from scratch.
 *
 * <p>{@code main} runs the scenario against Haven's engine and Axon's Mongo extension and prints
 * both reports side by side (the comparison in BENCHMARKS.md).
 */
public final class LedgerScenario {

    static final int ACCOUNTS = 20;

    public record Report(
            String engine,
            int acknowledged,
            int stored,
            int acknowledgedButLost,
            int storedTwice,
            int accountsWithHoles,
            int readerSaw,
            int readerMissed,
            int readerSawTwice,
            int readerOutOfOrder,
            boolean readerTotalsEqualRebuild) {

        boolean lostNothing() {
            return acknowledgedButLost == 0
                    && storedTwice == 0
                    && accountsWithHoles == 0
                    && readerMissed == 0
                    && readerSawTwice == 0
                    && readerOutOfOrder == 0
                    && readerTotalsEqualRebuild;
        }
    }

    public static void main(String[] args) throws Exception {
        Duration phase = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 8);
        for (String engine : List.of("haven", "axon-mongo")) {
            System.out.println(run(engine, Files.createTempDirectory("ledger-" + engine), phase));
        }
    }

    public static Report run(String engine, Path work, Duration phase) throws Exception {
        try (var store = EmbeddedStore.inMemory();
                var client = MongoClients.create(store.uri("ledger"))) {
            String uri = store.uri("ledger");
            var nodes = new ArrayList<Process>();
            nodes.add(node("reader", uri, engine, work, "reader", 1, 0, 0));
            Process killed = node("writer", uri, engine, work, "steady", 3, 0, 0);
            nodes.add(node("writer", uri, engine, work, "skewed", 2, -8, 0));
            nodes.add(node("writer", uri, engine, work, "sleepy", 2, 0, 1500));
            // each phase starts once its writers are running, however long a busy machine takes to start them
            // (the sleeper mostly loses its races while others write: it is there to hold positions open, not to
            // progress)
            awaitFirstAcknowledgement(work, List.of("steady", "skewed"));
            Thread.sleep(phase.toMillis());
            killed.destroyForcibly().waitFor(); // SIGKILL: no shutdown hooks, no flushing
            nodes.add(node("writer", uri, engine, work, "restarted", 3, 0, 0));
            awaitFirstAcknowledgement(work, List.of("restarted"));
            Thread.sleep(phase.toMillis());
            Files.createFile(work.resolve("stop-writer"));
            for (Process writer : nodes.subList(1, nodes.size())) {
                writer.waitFor();
            }

            var database = client.getDatabase("ledger");
            var storage = LedgerNode.engine(engine, database, 0);
            var stored = new HashMap<String, List<Long>>();
            var storedDeposits = new ArrayList<String>();
            int accountsWithHoles = 0;
            for (int a = 0; a < ACCOUNTS; a++) {
                String account = "acc-" + a;
                var sequences = database.getCollection(engine.equals("haven") ? "events" : "domainevents")
                        .find(Filters.eq("aggregateIdentifier", account))
                        .map(d -> ((Number) d.get("sequenceNumber")).longValue())
                        .into(new ArrayList<>());
                sequences.sort(Long::compare);
                stored.put(account, sequences);
                for (int i = 0; i < sequences.size(); i++) {
                    if (sequences.get(i) != i) {
                        accountsWithHoles++;
                        break;
                    }
                }
                storage.readEvents(account, 0)
                        .asStream()
                        .forEach(e -> storedDeposits.add(((LedgerAccount.Deposited) e.getPayload()).depositId()));
            }
            awaitReader(work, storedDeposits.size());
            Files.createFile(work.resolve("stop-reader"));
            nodes.get(0).waitFor();

            Set<String> acknowledged = new HashSet<>();
            try (Stream<Path> files = Files.list(work)) {
                for (Path ack : files.filter(f -> f.getFileName().toString().startsWith("acks-"))
                        .toList()) {
                    acknowledged.addAll(Files.readAllLines(ack));
                }
            }
            Set<String> storedSet = new HashSet<>(storedDeposits);
            var seen = Files.readAllLines(work.resolve("seen-reader.log"));
            Set<String> seenSet = new HashSet<>();
            Map<String, Long> lastSeenSequence = new HashMap<>();
            Map<String, Integer> readerTotals = new TreeMap<>();
            int outOfOrder = 0;
            for (String line : seen) {
                String[] f = line.split(" ");
                seenSet.add(f[0]);
                long sequence = Long.parseLong(f[2]);
                if (sequence <= lastSeenSequence.getOrDefault(f[1], -1L)) {
                    outOfOrder++;
                }
                lastSeenSequence.put(f[1], sequence);
                readerTotals.merge(f[1], 1, Integer::sum);
            }
            Map<String, Integer> rebuilt = new TreeMap<>();
            storage.readEvents(null, false)
                    .forEach(e -> rebuilt.merge(((DomainEventMessage<?>) e).getAggregateIdentifier(), 1, Integer::sum));

            return new Report(
                    engine,
                    acknowledged.size(),
                    storedDeposits.size(),
                    (int) acknowledged.stream()
                            .filter(d -> !storedSet.contains(d))
                            .count(),
                    storedDeposits.size() - storedSet.size(),
                    accountsWithHoles,
                    seen.size(),
                    (int) storedSet.stream().filter(d -> !seenSet.contains(d)).count(),
                    seen.size() - seenSet.size(),
                    outOfOrder,
                    readerTotals.equals(rebuilt));
        }
    }

    /** Until the reader has seen as many events as are stored, or has stopped moving for 10 s. */
    private static void awaitReader(Path work, int stored) throws IOException, InterruptedException {
        Path seen = work.resolve("seen-reader.log");
        long last = -1;
        Instant lastMoved = Instant.now();
        while (Duration.between(lastMoved, Instant.now()).toSeconds() < 10) {
            long count = Files.exists(seen) ? Files.readAllLines(seen).size() : 0;
            if (count >= stored) {
                return;
            }
            if (count != last) {
                last = count;
                lastMoved = Instant.now();
            }
            Thread.sleep(200);
        }
    }

    /** Waits until each named writer has had a deposit acknowledged: it has started and reached the store. */
    private static void awaitFirstAcknowledgement(Path work, List<String> writers) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        for (String writer : writers) {
            Path acks = work.resolve("acks-" + writer + ".log");
            while (!Files.exists(acks) || Files.size(acks) == 0) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("writer " + writer + " acknowledged nothing in 3 minutes; see "
                            + work.resolve(writer + ".out"));
                }
                Thread.sleep(50);
            }
        }
    }

    private static Process node(
            String role,
            String uri,
            String engine,
            Path work,
            String name,
            int threads,
            long skewSeconds,
            long sleepAfterReserveMillis)
            throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = System.getProperty("java.class.path");
        return new ProcessBuilder(
                        java,
                        "-Xmx256m",
                        "-Daxoniq.update-checker.disabled=true",
                        "-cp",
                        classpath,
                        LedgerNode.class.getName(),
                        role,
                        uri,
                        "ledger",
                        engine,
                        work.toString(),
                        name,
                        Integer.toString(threads),
                        Integer.toString(ACCOUNTS),
                        Long.toString(skewSeconds),
                        Long.toString(sleepAfterReserveMillis))
                .redirectErrorStream(true)
                .redirectOutput(work.resolve(name + ".out").toFile())
                .start();
    }

    private LedgerScenario() {}
}
