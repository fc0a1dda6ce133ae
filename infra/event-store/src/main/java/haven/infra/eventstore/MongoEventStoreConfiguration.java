package haven.infra.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.mongo.MongoProperties;
import org.springframework.context.annotation.Bean;

/**
 * The one place that decides how events and tracking tokens are stored. Both services import it,
 * so replacing the storage engine is a change to this class only.
 *
 * <p>For now the engine is Axon's Mongo extension. Its Spring Boot modules stop at 4.10, so the
 * beans are wired here by hand. The embedded store has no sessions or transactions, which is why
 * nothing here asks for a transaction manager (Axon falls back to {@code NoTransactionManager}).
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class MongoEventStoreConfiguration {

    @Bean
    public MongoDatabase havenDatabase(MongoClient client, MongoProperties properties) {
        return client.getDatabase(properties.getMongoClientDatabase());
    }

    @Bean
    public MongoTemplate axonMongoTemplate(MongoDatabase havenDatabase) {
        return DefaultMongoTemplate.builder().mongoDatabase(havenDatabase).build();
    }

    @Bean
    public EventStorageEngine eventStorageEngine(
            MongoTemplate axonMongoTemplate,
            Serializer serializer,
            @Qualifier("eventSerializer") Serializer eventSerializer) {
        var engine = MongoEventStorageEngine.builder()
                .mongoTemplate(axonMongoTemplate)
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .build();
        // the unique (aggregate, sequence) index is what turns a racing writer into a ConcurrencyException
        engine.ensureIndexes();
        return engine;
    }

    /**
     * Replaces Axon's default only to shorten the fetch delay: the other service appends to the
     * same store, so a reader here learns of new events by polling, not by notification.
     */
    @Bean(name = "eventBus")
    public EmbeddedEventStore eventStore(
            EventStorageEngine eventStorageEngine,
            Configuration configuration,
            @Value("${haven.event-store.fetch-delay:100ms}") Duration fetchDelay) {
        return EmbeddedEventStore.builder()
                .storageEngine(eventStorageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(fetchDelay.toMillis())
                .build();
    }

    @Bean
    public TokenStore tokenStore(MongoTemplate axonMongoTemplate, Serializer serializer) {
        return MongoTokenStore.builder().mongoTemplate(axonMongoTemplate).serializer(serializer).build();
    }

    @Bean
    public MongoStoreHealthIndicator mongoStoreHealthIndicator(MongoDatabase havenDatabase) {
        return new MongoStoreHealthIndicator(havenDatabase);
    }
}
