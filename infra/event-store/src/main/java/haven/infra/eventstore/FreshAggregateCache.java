package haven.infra.eventstore;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;

/**
 * Aggregates kept in memory between commands, so a command loads its aggregate without reading its
 * events again; handed to Axon's caching repository ({@code @Aggregate(cache = ...)}).
 *
 * <p>Several instances append to the same store, so an aggregate held here may have moved on in
 * another. Before one is used, a single unique-key lookup asks the store whether its next event
 * exists ({@link HavenEventStorageEngine#hasEventAfter}); if it does, the entry is dropped and the
 * aggregate loaded from the store. A command racing another instance after the check still meets
 * the stream key's unique index on append, as without the cache. Axon drops an entry whenever its
 * unit of work rolls back, so a rejected command never leaves its half-applied state here.
 *
 * <p>Bounded by count (least used go first); an aggregate holds only what its rules need, never
 * personal data.
 */
public class FreshAggregateCache implements Cache {

    private final com.github.benmanes.caffeine.cache.Cache<Object, Object> entries;
    private final HavenEventStorageEngine store;

    public FreshAggregateCache(HavenEventStorageEngine store, long maximumSize) {
        this.store = store;
        this.entries = Caffeine.newBuilder().maximumSize(maximumSize).build();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Object value = entries.getIfPresent(key);
        if (value instanceof AggregateCacheEntry<?> entry && movedOn(key.toString(), entry)) {
            entries.asMap().remove(key, value);
            return null;
        }
        return (V) value;
    }

    private boolean movedOn(String aggregateIdentifier, AggregateCacheEntry<?> entry) {
        // an entry made in this process keeps the aggregate itself, which it hands back as is
        Long version = entry.recreateAggregate(null, null, null, null).version();
        return store.hasEventAfter(aggregateIdentifier, version == null ? -1 : version);
    }

    @Override
    public void put(Object key, Object value) {
        entries.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return entries.asMap().putIfAbsent(key, value) == null;
    }

    @Override
    public boolean remove(Object key) {
        return entries.asMap().remove(key) != null;
    }

    @Override
    public void removeAll() {
        entries.invalidateAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        entries.asMap().computeIfPresent(key, (k, v) -> update.apply((V) v));
    }

    /** Axon's repositories register no listeners; nothing here would call one. */
    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        throw new UnsupportedOperationException("FreshAggregateCache has no entry listeners");
    }
}
