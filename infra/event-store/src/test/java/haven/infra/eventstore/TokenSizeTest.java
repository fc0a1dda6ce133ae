package haven.infra.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClients;
import haven.infra.embedded.EmbeddedStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;

class TokenSizeTest {

    record Counted(int n) {}

    @ProcessingGroup("size-probe")
    static class Counter {
        final AtomicInteger seen = new AtomicInteger();

        @EventHandler
        void on(Counted event) {
            seen.incrementAndGet();
        }
    }

    @Test
    void afterOneHundredThousandEventsFromConcurrentWritersTheStoredTokenIsUnderOneKilobyte() throws Exception {
        try (var client = MongoClients.create(EmbeddedStore.shared().uri("token-size"))) {
            var database = client.getDatabase("token-size");
            var serializer = JacksonSerializer.defaultSerializer();
            var engine = HavenEventStorageEngine.builder()
                    .database(database)
                    .eventSerializer(serializer)
                    .snapshotSerializer(serializer)
                    .build();
            var counter = new Counter();
            Configuration axon = DefaultConfigurer.defaultConfiguration()
                    .configureSerializer(c -> serializer)
                    .configureEventStore(c -> EmbeddedEventStore.builder()
                            .storageEngine(engine)
                            .fetchDelay(50)
                            .build())
                    .eventProcessing(p -> p.registerTrackingEventProcessor(
                                    "size-probe",
                                    Configuration::eventStore,
                                    c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                            .andBatchSize(100))
                            .registerTokenStore(
                                    "size-probe",
                                    c -> MongoTokenStore.builder()
                                            .serializer(serializer)
                                            .mongoTemplate(DefaultMongoTemplate.builder()
                                                    .mongoDatabase(database)
                                                    .build())
                                            .build())
                            .registerEventHandler(c -> counter))
                    .buildConfiguration();
            axon.start();

            var writers = new ArrayList<CompletableFuture<Void>>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 25_000; i++) {
                        engine.appendEvents(new GenericDomainEventMessage<>(
                                "Probe", "w" + writer + "-" + (i / 10), i % 10, new Counted(i)));
                    }
                }));
            }
            CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get();
            await().atMost(Duration.ofMinutes(2)).until(() -> counter.seen.get() == 100_000);
            axon.shutdown();

            Document stored = database.getCollection("trackingtokens")
                    .find(new Document("processorName", "size-probe"))
                    .first();
            int tokenBytes = stored.get("token", Binary.class).length();
            System.out.println("stored token after 100,000 events: " + tokenBytes + " bytes");
            assertThat(tokenBytes).isLessThan(1024);
        }
    }
}
