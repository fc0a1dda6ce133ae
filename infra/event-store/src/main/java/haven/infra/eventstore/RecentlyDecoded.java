package haven.infra.eventstore;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import haven.infra.privacy.PersonalDataKeys;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;

/**
 * Events lately decoded in this process, by their stored form. Every event processor of a service
 * reads every event (five projections, two watchers), and each used to open and decode it itself:
 * in profiles about a quarter of a watcher's work and the largest part of a projection's. An event
 * is decoded once here and the others share it; an event this process has just stored is not
 * decoded at all ({@link #stored}).
 *
 * <p>Events are values (records that no handler changes), so sharing one object is safe. The
 * entries hold opened personal data, so they live no longer than the case keys' own cache and are
 * all dropped whenever a case's keys are forgotten here ({@link PersonalDataKeys#whenForgetting}):
 * after an erasure, an event reads with its personal data gone, as before.
 */
final class RecentlyDecoded {

    private record Stored(String type, String revision, String data) {}

    private final Cache<Stored, Object> events;
    /** Counts forgettings, so an event decoded while one ran (perhaps with a key since destroyed) is not kept. */
    private final AtomicLong forgettings = new AtomicLong();

    /**
     * Keeps at most {@code maximumChars} of stored text (the decoded events take about as much again):
     * bounded by size, not count, as a narrative can be long.
     */
    RecentlyDecoded(PersonalDataKeys keys, long maximumChars, Duration keptFor) {
        this.events = Caffeine.newBuilder()
                .maximumWeight(maximumChars)
                .<Stored, Object>weigher((stored, event) -> stored.data().length())
                .expireAfterWrite(keptFor)
                .build();
        keys.whenForgetting(() -> {
            forgettings.incrementAndGet();
            events.invalidateAll();
        });
    }

    /** The event decoded from its stored form; decoded once while it is kept, however many readers ask together. */
    @SuppressWarnings("unchecked")
    <T> T decoded(SerializedObject<?> serialized, Supplier<T> decode) {
        if (!(serialized.getData() instanceof String data) || SerializedType.isEmptyType(serialized.getType())) {
            return decode.get();
        }
        long before = forgettings.get();
        var key =
                new Stored(serialized.getType().getName(), serialized.getType().getRevision(), data);
        Object event = events.get(key, k -> decode.get());
        if (forgettings.get() != before) {
            events.invalidate(key);
        }
        return (T) event;
    }

    /** An event this process has just serialised to {@code serialized}: whoever reads it back shares it. */
    void stored(Object event, SerializedObject<?> serialized) {
        if (event != null && serialized.getData() instanceof String data) {
            long before = forgettings.get();
            var key = new Stored(
                    serialized.getType().getName(), serialized.getType().getRevision(), data);
            events.put(key, event);
            if (forgettings.get() != before) {
                events.invalidate(key);
            }
        }
    }
}
