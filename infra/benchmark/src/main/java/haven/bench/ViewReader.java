package haven.bench;

import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import java.io.FileWriter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.axonframework.config.Configuration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.bson.Document;

/**
 * The projection in its own process: tracks the store from its head, upserts a view row per
 * account, and logs how long each deposit took from being sent to being in the view.
 * Args: {@code reader <mongoUri> <database> <engine> <workDir> <fetchDelayMillis>}.
 */
final class ViewReader {

    static final String PROCESSOR = "bench-view";

    private ViewReader() {}

    static void run(String[] args) throws Exception {
        var database = MongoClients.create(args[1]).getDatabase(args[2]);
        Path work = Path.of(args[4]);
        var engine = Engines.create(args[3], database);
        var latencies =
                new PrintWriter(new FileWriter(work.resolve("latencies.log").toFile()), true);
        var view = new View(database.getCollection("bench_view"), latencies);
        Configuration axon = Engines.start(Engines.axon(engine, Duration.ofMillis(Long.parseLong(args[5])))
                .eventProcessing(p -> p.registerTrackingEventProcessor(
                                PROCESSOR,
                                Configuration::eventStore,
                                c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                        .andInitialTrackingToken(source -> source.createHeadToken()))
                        .registerTokenStore(
                                PROCESSOR,
                                c -> MongoTokenStore.builder()
                                        .serializer(Engines.SERIALIZER)
                                        .mongoTemplate(DefaultMongoTemplate.builder()
                                                .mongoDatabase(database)
                                                .build())
                                        .build())
                        .registerEventHandler(c -> view)));
        Thread.sleep(3000); // token claimed, head reached
        Files.createFile(work.resolve("ready"));
        while (!Files.exists(work.resolve("stop"))) {
            Thread.sleep(50);
        }
        axon.shutdown();
        System.exit(0);
    }

    @ProcessingGroup(PROCESSOR)
    static final class View {
        private final MongoCollection<Document> rows;
        private final PrintWriter latencies;

        View(MongoCollection<Document> rows, PrintWriter latencies) {
            this.rows = rows;
            this.latencies = latencies;
        }

        @EventHandler
        void on(BenchAccount.Deposited deposited) {
            rows.replaceOne(
                    new Document("_id", deposited.account()),
                    new Document("_id", deposited.account()).append("lastDeposit", deposited.sentAtMicros()),
                    new ReplaceOptions().upsert(true));
            latencies.println(Engines.nowMicros() - deposited.sentAtMicros());
        }
    }
}
