package haven.infra.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import haven.infra.council.Partnership;
import haven.infra.privacy.EvidenceFiles;
import haven.infra.privacy.MasterKeys;
import haven.infra.privacy.PersonalDataKeys;
import haven.infra.privacy.StaffPseudonyms;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoSequencedDeadLetterQueue;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.util.DeadLetterQueueProviderConfigurerModule;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.mongo.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.autoconfigure.mongo.MongoProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * The one place that decides how events, tracking tokens and dead letters are stored. Both
 * services import it.
 *
 * <p>Events go through {@link HavenEventStorageEngine}; tokens and dead letters through Axon's
 * Mongo extension, whose Spring Boot modules stop at 4.10, so the beans are wired here by hand.
 * The embedded store has no sessions or transactions, which is why nothing here asks for a
 * transaction manager (Axon falls back to {@code NoTransactionManager}).
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class MongoEventStoreConfiguration {

    @Bean
    public MongoDatabase havenDatabase(MongoClient client, MongoProperties properties) {
        return client.getDatabase(properties.getMongoClientDatabase());
    }

    @Bean
    public MongoClientSettingsBuilderCustomizer waitBrieflyForTheStore(
            @Value("${spring.data.mongodb.uri:}") String uri,
            @Value("${haven.store.server-selection-timeout:5s}") Duration atMost) {
        return StoreClientSettings.waitForAServer(uri, atMost);
    }

    /** {@code SPRING_PROFILES_ACTIVE=production}: see {@link StoreClientSettings#majorityCommitted()}. */
    @Bean
    @Profile("production")
    public MongoClientSettingsBuilderCustomizer majorityCommitted() {
        return StoreClientSettings.majorityCommitted();
    }

    @Bean
    public MongoTemplate axonMongoTemplate(MongoDatabase havenDatabase) {
        return DefaultMongoTemplate.builder().mongoDatabase(havenDatabase).build();
    }

    /** Each organisation's master key; a developer's machine derives those not set from the founder's. */
    @Bean
    public MasterKeys masterKeys(
            Partnership partnership,
            Environment environment,
            @Value("${haven.privacy.master-key:}") String founderKey) {
        return MasterKeys.load(
                partnership.founder().id(),
                founderKey,
                partnership.partners().stream()
                        .map(Partnership.Organisation::id)
                        .toList(),
                setting -> Optional.ofNullable(environment.getProperty(setting)),
                !environment.acceptsProfiles(Profiles.of("production")));
    }

    @Bean
    public PersonalDataKeys personalDataKeys(
            MongoDatabase havenDatabase,
            MasterKeys masterKeys,
            @Value("${haven.privacy.key-cache:30s}") Duration cacheFor) {
        return new PersonalDataKeys(havenDatabase, masterKeys, cacheFor);
    }

    @Bean
    public EvidenceFiles evidenceFiles(MongoDatabase havenDatabase, PersonalDataKeys keys) {
        return new EvidenceFiles(havenDatabase, keys);
    }

    @Bean
    public StaffPseudonyms staffPseudonyms(@Value("${haven.privacy.master-key:}") String masterKey) {
        return new StaffPseudonyms(masterKey);
    }

    /** Events (and so dead letters) are stored with their personal data sealed by their case's key. */
    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer(Serializer serializer, PersonalDataKeys personalDataKeys) {
        return new PersonalDataSerializer(
                serializer, personalDataKeys, ((JacksonSerializer) serializer).getObjectMapper());
    }

    @Bean
    public HavenEventStorageEngine eventStorageEngine(
            MongoDatabase havenDatabase,
            Serializer serializer,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            PersonalDataKeys personalDataKeys,
            Configuration configuration,
            @Value("${haven.event-store.gap-timeout:60s}") Duration gapTimeout,
            @Value("${haven.event-store.max-gap-offset:10000}") int maxGapOffset,
            @Value("${haven.event-store.batch-size:100}") int batchSize) {
        return HavenEventStorageEngine.builder()
                .database(havenDatabase)
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .gapTimeout(gapTimeout)
                .maxGapOffset(maxGapOffset)
                .batchSize(batchSize)
                .payloadsFetched(personalDataKeys::readAhead)
                .build();
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
        return MongoTokenStore.builder()
                .mongoTemplate(axonMongoTemplate)
                .serializer(serializer)
                .build();
    }

    /** Parks a failing event's case in Mongo for processing groups with {@code dlq.enabled: true}. */
    @Bean
    public DeadLetterQueueProviderConfigurerModule deadLetterQueues(
            EventProcessorProperties processors,
            MongoTemplate axonMongoTemplate,
            @Qualifier("eventSerializer") Serializer eventSerializer) {
        return new DeadLetterQueueProviderConfigurerModule(
                processors,
                group -> config -> MongoSequencedDeadLetterQueue.builder()
                        .processingGroup(group)
                        .mongoTemplate(axonMongoTemplate)
                        .serializer(eventSerializer)
                        .build());
    }

    @Bean
    public ConfigurerModule storeOutagesAreRetried() {
        return configurer -> configurer
                .eventProcessing()
                .registerDefaultDeadLetterPolicy(configuration -> new StoreOutagesAreRetried());
    }

    /** Every processor's {@link BatchWrites} are written as its batch ends, before its token. */
    @Bean
    public ConfigurerModule writeAtBatchEnd() {
        return WriteAtBatchEnd.forEveryProcessor();
    }

    /** Axon's message metrics, none of which keeps a measurement per message ({@link BoundedMetricRegistry}). */
    @Bean
    public GlobalMetricRegistry globalMetricRegistry(MeterRegistry meterRegistry) {
        return new BoundedMetricRegistry(meterRegistry);
    }

    @Bean
    public MongoStoreHealthIndicator mongoStoreHealthIndicator(MongoDatabase havenDatabase) {
        return new MongoStoreHealthIndicator(havenDatabase);
    }
}
