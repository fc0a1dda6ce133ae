package haven.infra.eventstore.ledger;

import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import haven.infra.eventstore.HavenEventStorageEngine;
import java.io.FileWriter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * One process of the ledger scenario: a writer that deposits into shared accounts and writes
 * every acknowledged deposit to its ack file, or a reader that tracks the store and writes every
 * event it handles to its seen file. Runs until the stop file appears.
 *
 * <p>Usage: {@code LedgerNode writer|reader <mongoUri> <database> <engine: haven|axon-mongo> <workDir> <name>
 * [threads] [accounts] [clockSkewSeconds] [sleepAfterReserveMillis]}
 */
public final class LedgerNode {

    public static void main(String[] args) throws Exception {
        String role = args[0];
        MongoDatabase database = MongoClients.create(args[1]).getDatabase(args[2]);
        String engine = args[3];
        Path work = Path.of(args[4]);
        String name = args[5];
        int threads = args.length > 6 ? Integer.parseInt(args[6]) : 2;
        int accounts = args.length > 7 ? Integer.parseInt(args[7]) : 20;
        long skewSeconds = args.length > 8 ? Long.parseLong(args[8]) : 0;
        long sleepAfterReserve = args.length > 9 ? Long.parseLong(args[9]) : 0;
        if (skewSeconds != 0) {
            GenericEventMessage.clock = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(skewSeconds));
        }
        var serializer = JacksonSerializer.defaultSerializer();
        EventStorageEngine storage = engine(engine, database, sleepAfterReserve);
        var configurer = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> serializer)
                .configureEventStore(c -> EmbeddedEventStore.builder()
                        .storageEngine(storage)
                        .fetchDelay(100)
                        .build())
                .configureAggregate(LedgerAccount.class);
        Path stop = work.resolve("stop-" + role);
        if ("reader".equals(role)) {
            var seen = new PrintWriter(
                    new FileWriter(work.resolve("seen-" + name + ".log").toFile(), true), true);
            configurer.eventProcessing(processing -> processing
                    .registerTrackingEventProcessor(
                            "ledger",
                            Configuration::eventStore,
                            c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                    .andBatchSize(50))
                    .registerTokenStore(
                            "ledger",
                            c -> MongoTokenStore.builder()
                                    .serializer(serializer)
                                    .mongoTemplate(DefaultMongoTemplate.builder()
                                            .mongoDatabase(database)
                                            .build())
                                    .build())
                    .registerEventHandler(c -> new Reader(seen)));
        }
        Configuration axon = configurer.buildConfiguration();
        axon.start();
        if ("writer".equals(role)) {
            var acks = new PrintWriter(
                    new FileWriter(work.resolve("acks-" + name + ".log").toFile(), true), true);
            for (int t = 0; t < threads; t++) {
                new Thread(() -> write(axon, acks, accounts, stop)).start();
            }
        }
        while (!Files.exists(stop)) {
            Thread.sleep(100);
        }
        Thread.sleep(500);
        axon.shutdown();
        System.exit(0);
    }

    /** {@code haven} is Haven's engine; {@code axon-mongo} is Axon's Mongo extension, kept for comparison. */
    static EventStorageEngine engine(String name, MongoDatabase database, long sleepAfterReserveMillis) {
        var serializer = JacksonSerializer.defaultSerializer();
        if ("haven".equals(name)) {
            return HavenEventStorageEngine.builder()
                    .database(database)
                    .eventSerializer(serializer)
                    .snapshotSerializer(serializer)
                    .afterReserve(() -> sleep(sleepAfterReserveMillis))
                    .build();
        }
        var extension = MongoEventStorageEngine.builder()
                .mongoTemplate(
                        DefaultMongoTemplate.builder().mongoDatabase(database).build())
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build();
        extension.ensureIndexes();
        return extension;
    }

    private static void write(Configuration axon, PrintWriter acks, int accounts, Path stop) {
        var random = ThreadLocalRandom.current();
        while (!Files.exists(stop)) {
            String depositId = UUID.randomUUID().toString();
            try {
                axon.commandGateway()
                        .sendAndWait(new LedgerAccount.Deposit("acc-" + random.nextInt(accounts), depositId));
                synchronized (acks) {
                    acks.println(depositId);
                }
            } catch (RuntimeException refusedOrRaced) {
                // not acknowledged: the scenario only promises what was acknowledged
            }
        }
    }

    @ProcessingGroup("ledger")
    static final class Reader {
        private final PrintWriter seen;

        Reader(PrintWriter seen) {
            this.seen = seen;
        }

        @EventHandler
        void on(LedgerAccount.Deposited deposited, DomainEventMessage<?> message) {
            seen.println(deposited.depositId() + " " + deposited.account() + " " + message.getSequenceNumber());
        }
    }

    private static void sleep(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private LedgerNode() {}
}
