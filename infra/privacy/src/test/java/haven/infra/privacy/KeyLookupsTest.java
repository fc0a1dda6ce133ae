package haven.infra.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import haven.infra.embedded.EmbeddedStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Every projection opens a new case's events at about the same moment; the store is asked for its key once. */
class KeyLookupsTest {

    static final int READERS = 8;

    @Test
    void readersOpeningTheSameCaseTogetherReadItsKeyOnce() throws Exception {
        var lookups = new KeyLookups();
        String database = "keys-" + UUID.randomUUID();
        try (MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(
                        new ConnectionString(EmbeddedStore.shared().uri(database)))
                .addCommandListener(lookups)
                .build())) {
            String sealed = new PersonalDataKeys(
                            client.getDatabase(database), OrganisationKeysTest.COUNCIL_KEY, Duration.ZERO)
                    .seal("new-case", "\"what happened\"");
            var reader = new PersonalDataKeys(
                    client.getDatabase(database), OrganisationKeysTest.COUNCIL_KEY, Duration.ofMinutes(1));
            lookups.armed = true;

            var pool = Executors.newFixedThreadPool(READERS);
            var opened = new ArrayList<Future<?>>();
            for (int i = 0; i < READERS; i++) {
                opened.add(pool.submit(() -> assertThat(reader.open(sealed)).contains("\"what happened\"")));
            }
            for (Future<?> open : opened) {
                open.get(30, TimeUnit.SECONDS);
            }
            pool.shutdown();
        }
        assertThat(lookups.counted).hasValue(1);
    }

    /**
     * Counts the key reads, holding the first until a second arrives (or a while has passed): without
     * coordination every reader misses the cache and asks; with it the others wait for the first.
     */
    static class KeyLookups implements CommandListener {
        final AtomicInteger counted = new AtomicInteger();
        final CountDownLatch second = new CountDownLatch(2);
        volatile boolean armed;

        @Override
        public void commandStarted(CommandStartedEvent event) {
            if (!armed
                    || !"find".equals(event.getCommandName())
                    || !PersonalDataKeys.COLLECTION.equals(
                            event.getCommand().getString("find").getValue())) {
                return;
            }
            counted.incrementAndGet();
            second.countDown();
            try {
                second.await(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
