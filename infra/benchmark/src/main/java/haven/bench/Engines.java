package haven.bench;

import com.mongodb.client.MongoDatabase;
import haven.infra.eventstore.FreshAggregateCache;
import haven.infra.eventstore.HavenEventStorageEngine;
import haven.infra.eventstore.RememberedTargetResolver;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;

/** The engines compared: Haven's, and Axon's Mongo extension as the anchor. */
final class Engines {

    static final String HAVEN = "haven";
    static final String AXON_MONGO = "axon-mongo";
    static final JacksonSerializer SERIALIZER = JacksonSerializer.defaultSerializer();
    /** The command-service's default ({@code HAVEN_CASE_CACHE}). */
    static final long CACHED_AGGREGATES = 10_000;

    private Engines() {}

    static EventStorageEngine create(String name, MongoDatabase database) {
        if (HAVEN.equals(name)) {
            return HavenEventStorageEngine.builder()
                    .database(database)
                    .eventSerializer(SERIALIZER)
                    .snapshotSerializer(SERIALIZER)
                    .build();
        }
        var extension = MongoEventStorageEngine.builder()
                .mongoTemplate(
                        DefaultMongoTemplate.builder().mongoDatabase(database).build())
                .eventSerializer(SERIALIZER)
                .snapshotSerializer(SERIALIZER)
                .build();
        extension.ensureIndexes();
        return extension;
    }

    /** As the command-service runs: targets found once per command class; on Haven's engine, aggregates kept between commands while fresh. */
    static Configurer axon(EventStorageEngine engine, Duration fetchDelay) {
        var accounts = AggregateConfigurer.defaultConfiguration(BenchAccount.class)
                .configureCommandTargetResolver(c -> new RememberedTargetResolver());
        if (engine instanceof HavenEventStorageEngine haven) {
            accounts.configureCache(c -> new FreshAggregateCache(haven, CACHED_AGGREGATES));
        }
        return DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> SERIALIZER)
                .configureEventStore(c -> EmbeddedEventStore.builder()
                        .storageEngine(engine)
                        .fetchDelay(fetchDelay.toMillis())
                        .build())
                .configureAggregate(accounts);
    }

    static Configuration start(Configurer configurer) {
        Configuration configuration = configurer.buildConfiguration();
        configuration.start();
        return configuration;
    }

    static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }
}
