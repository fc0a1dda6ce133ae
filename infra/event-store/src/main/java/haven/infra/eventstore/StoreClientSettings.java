package haven.infra.eventstore;

import com.mongodb.ConnectionString;
import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.autoconfigure.mongo.MongoClientSettingsBuilderCustomizer;

/**
 * How both services talk to the store when it is slow or away, and how durable a write must be
 * before it is acknowledged.
 */
public final class StoreClientSettings {

    /**
     * The driver waits 30 s for a server by default, which holds a request (and its thread) that
     * long when the store is down; a few seconds lets the service answer 503 with Retry-After while
     * the store is away. A {@code serverSelectionTimeoutMS} in the URI still wins.
     */
    public static MongoClientSettingsBuilderCustomizer waitForAServer(String uri, Duration atMost) {
        boolean inUri = uri != null && !uri.isBlank() && new ConnectionString(uri).getServerSelectionTimeout() != null;
        return settings -> {
            if (!inUri) {
                settings.applyToClusterSettings(
                        cluster -> cluster.serverSelectionTimeout(atMost.toMillis(), TimeUnit.MILLISECONDS));
            }
        };
    }

    /**
     * Production: a write is acknowledged once a majority of the replica set has it in its journal,
     * so losing the primary loses nothing acknowledged; reads see only majority-committed data, so
     * nothing read can be rolled back by an election. A write that cannot reach a majority within
     * 10 s fails (and is answered 503), rather than hanging.
     */
    public static MongoClientSettingsBuilderCustomizer majorityCommitted() {
        return settings -> settings.writeConcern(
                        WriteConcern.MAJORITY.withJournal(true).withWTimeout(10, TimeUnit.SECONDS))
                .readConcern(ReadConcern.MAJORITY);
    }

    private StoreClientSettings() {}
}
