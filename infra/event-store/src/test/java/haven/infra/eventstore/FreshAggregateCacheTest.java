package haven.infra.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import haven.infra.embedded.EmbeddedStore;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one store, each caching the tallies it has used: a command decides on the tally
 * as stored, whoever wrote last, and reads no events when nobody else has written.
 */
class FreshAggregateCacheTest {

    public record Count(@TargetAggregateIdentifier String tally, int expected) {}

    public record Counted(String tally, int count) {}

    /** Counts, then fails: the count is applied in memory but never stored. */
    public record CountThenFail(@TargetAggregateIdentifier String tally) {}

    /** Refuses a count that does not follow the one it holds: a stale tally would refuse. */
    public static class Tally {
        @AggregateIdentifier
        private String tally;

        private int count;

        public Tally() {}

        @CommandHandler
        @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
        public void handle(Count command) {
            if (command.expected() != count + 1) {
                throw new IllegalStateException("tally is at " + count);
            }
            apply(new Counted(command.tally(), command.expected()));
        }

        @CommandHandler
        public void handle(CountThenFail command) {
            apply(new Counted(command.tally(), count + 1));
            throw new IllegalStateException("failed after counting");
        }

        @EventSourcingHandler
        public void on(Counted counted) {
            tally = counted.tally();
            count = counted.count();
        }
    }

    final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
    final List<Configuration> instances = new ArrayList<>();
    MongoClient client;
    MongoDatabase database;

    @BeforeEach
    void store() {
        client = MongoClients.create(EmbeddedStore.shared().uri("fresh-cache"));
        database = client.getDatabase("fresh-cache-" + UUID.randomUUID());
    }

    @AfterEach
    void stop() {
        instances.forEach(Configuration::shutdown);
        client.close();
    }

    @Test
    void aTallyUsedAgainInTheSameInstanceIsNotReadFromTheStore() {
        var reads = new AtomicInteger();
        var one = instance(reads);

        count(one, "t-1", 1);
        count(one, "t-1", 2);
        count(one, "t-1", 3);

        assertThat(reads).as("event reads: the first command only").hasValue(1);
    }

    @Test
    void aTallyTheOtherInstanceChangedIsReadAgainAndDecidedOnAsStored() {
        var readsInOne = new AtomicInteger();
        var one = instance(readsInOne);
        var two = instance(new AtomicInteger());

        count(one, "t-2", 1);
        count(two, "t-2", 2);
        count(one, "t-2", 3); // one's cached tally is at 1: it must see two's count first
        count(two, "t-2", 4);

        assertThat(readsInOne).as("event reads in the first instance").hasValue(2);
        assertThatThrownBy(() -> count(one, "t-2", 4)).hasMessageContaining("tally is at 4");
    }

    @Test
    void aCommandThatFailsLeavesNoneOfItsChangesInTheCache() {
        var one = instance(new AtomicInteger());
        count(one, "t-3", 1);

        assertThatThrownBy(() -> one.commandGateway().sendAndWait(new CountThenFail("t-3")))
                .hasMessageContaining("failed after counting");
        count(one, "t-3", 2);
    }

    private static void count(Configuration instance, String tally, int expected) {
        instance.commandGateway().sendAndWait(new Count(tally, expected));
    }

    /** An instance with its own engine (counting the aggregate reads it makes) and its own cache. */
    private Configuration instance(AtomicInteger reads) {
        var builder = HavenEventStorageEngine.builder()
                .database(database)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer);
        var engine = new HavenEventStorageEngine(builder) {
            @Override
            protected List<? extends DomainEventData<?>> fetchDomainEvents(String id, long first, int batchSize) {
                reads.incrementAndGet();
                return super.fetchDomainEvents(id, first, batchSize);
            }
        };
        var configuration = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> serializer)
                .configureEventStore(
                        c -> EmbeddedEventStore.builder().storageEngine(engine).build())
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Tally.class)
                        .configureCache(c -> new FreshAggregateCache(engine, 100)))
                .buildConfiguration();
        configuration.start();
        instances.add(configuration);
        return configuration;
    }
}
