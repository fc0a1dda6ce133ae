package haven.infra.eventstore;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import haven.infra.privacy.PersonalDataKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

/**
 * Haven's event store on MongoDB, built so that no operation's cost grows with the length of
 * history: every read and write is a key lookup (equality or {@code $in} on {@code _id} or on the
 * unique {@code streamKey}), never a range scan or a sort over the events.
 *
 * <ul>
 *   <li>Each event has a <b>global position</b>. An append reserves one block of positions with a
 *       single counter update, then inserts its whole commit as <b>one document</b> ({@code _id}
 *       the first position; the first event's fields; the others in {@code more}), so a crash at
 *       any point leaves the whole commit or none of it: the store has no multi-document
 *       transactions to rely on. A writer's clock plays no part in ordering. Appends that arrive
 *       together share the reservation and the insert ({@link Together}).</li>
 *   <li>{@code streamKey} ({@code aggregate/sequence}, a list for a commit of several events) has a
 *       unique index, which holds for every element of a list, so of two writers racing on one
 *       aggregate exactly one wins and the other gets Axon's {@code ConcurrencyException}.</li>
 *   <li>Positions a failed append reserved are covered by a tombstone, so readers need not wait
 *       for them.</li>
 *   <li>Readers track with Axon's {@link GapAwareTrackingToken}: they fetch the next positions and
 *       their open gaps by {@code $in}; a position reserved but not yet visible stays a gap until
 *       it fills or {@code gapTimeout} passes (measured on the reader's own clock, so a writer's
 *       skewed clock cannot age a gap early), and gaps further than {@code maxGapOffset} behind
 *       are dropped, which bounds the token.</li>
 * </ul>
 *
 * <p>Needs no transactions or sessions (the embedded store has none).
 */
public class HavenEventStorageEngine extends BatchingEventStorageEngine {

    static final String EVENTS = "events";
    static final String COUNTERS = "event_counters";
    static final String SNAPSHOTS = "snapshots";
    private static final String POSITION_COUNTER = "events";
    private static final int FIRST_PAGE = 16;

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> counters;
    private final MongoCollection<Document> snapshots;
    private final Duration gapTimeout;
    private final int maxGapOffset;
    private final Clock clock;
    private final Runnable afterReserve;
    private final Runnable beforeInsert;
    private final Consumer<List<String>> payloadsFetched;
    /** The highest position a reader here has seen reserved. */
    private final AtomicLong knownHead = new AtomicLong(-1);

    private final Together<Commit> commits = new Together<>(this::writeTogether);
    private final Together<Lookup> lookups = new Together<>(this::lookUpTogether);
    /** When this process first saw each open gap; lost on restart, which only makes gaps live longer. */
    private final Map<Long, Instant> gapFirstSeen = new ConcurrentHashMap<>();

    protected HavenEventStorageEngine(Builder builder) {
        super(builder);
        this.events = builder.database.getCollection(EVENTS);
        this.counters = builder.database.getCollection(COUNTERS);
        this.snapshots = builder.database.getCollection(SNAPSHOTS);
        this.gapTimeout = builder.gapTimeout;
        this.maxGapOffset = builder.maxGapOffset;
        this.clock = builder.clock;
        this.afterReserve = builder.afterReserve;
        this.beforeInsert = builder.beforeInsert;
        this.payloadsFetched = builder.payloadsFetched;
        events.createIndex(Indexes.ascending("streamKey"), new IndexOptions().unique(true));
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---- appending

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> messages, Serializer serializer) {
        if (messages.isEmpty()) {
            return;
        }
        var events = messages.stream()
                .<DomainEventMessage<?>>map(EventUtils::asDomainEventMessage)
                .toList();
        // a case's first event is the one that makes its keys: none can exist yet to look for
        var opening = events.stream()
                .filter(event -> event.getSequenceNumber() == 0)
                .map(DomainEventMessage::getAggregateIdentifier)
                .toList();
        Document commit = PersonalDataKeys.opening(opening, () -> commitOf(events, serializer));
        var pending = new Commit(commit, messages.size());
        try {
            commits.send(pending);
        } catch (RuntimeException groupFailed) {
            pending.failure = groupFailed;
        }
        if (pending.failure != null) {
            handlePersistenceException(pending.failure, messages.get(0));
        }
    }

    /** The events as one commit document: the first's fields, the others' under {@code more}. */
    private static Document commitOf(List<DomainEventMessage<?>> events, Serializer serializer) {
        Document commit = toDocument(0, events.get(0), serializer);
        if (events.size() > 1) {
            var more = new ArrayList<Document>(events.size() - 1);
            var streamKeys = new ArrayList<>(List.of(commit.getString("streamKey")));
            for (var event : events.subList(1, events.size())) {
                Document next = toDocument(0, event, serializer);
                next.remove("_id");
                streamKeys.add((String) next.remove("streamKey"));
                more.add(next);
            }
            commit.append("streamKey", streamKeys).append("more", more);
        }
        return commit;
    }

    /** One append's commit document (its {@code _id} the first position, once reserved); {@code failure} says why it was not stored. */
    private static final class Commit {
        final Document document;
        final int positions;
        RuntimeException failure;

        Commit(Document document, int positions) {
            this.document = document;
            this.positions = positions;
        }
    }

    /**
     * One reservation for the whole group, then one unordered insert, so a commit refused for a
     * duplicate stream key (a racing writer) does not hold back the others. Each refused commit's
     * positions get a tombstone.
     */
    private void writeTogether(List<Commit> commits) {
        long next = reserve(commits.stream().mapToInt(c -> c.positions).sum());
        afterReserve.run();
        for (var commit : commits) {
            commit.document.put("_id", next);
            next += commit.positions;
        }
        beforeInsert.run();
        try {
            events.insertMany(commits.stream().map(c -> c.document).toList(), new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (var error : e.getWriteErrors()) {
                commits.get(error.getIndex()).failure =
                        new MongoWriteException(error, e.getServerAddress(), e.getErrorLabels());
            }
            if (e.getWriteConcernError() != null) {
                commits.stream().filter(c -> c.failure == null).forEach(c -> c.failure = e);
            }
        } catch (MongoException e) {
            commits.forEach(c -> c.failure = e);
        }
        commits.stream().filter(c -> c.failure != null).forEach(c -> tombstone(c.document.getLong("_id"), c.positions));
    }

    /**
     * The events a stored document holds, each with its position as {@code _id}: the document
     * itself for one event, and the rest of its commit after it; none for a tombstone.
     */
    public static List<Document> eventsIn(Document stored) {
        if (stored.getBoolean("tombstone", false)) {
            return List.of();
        }
        var more = stored.getList("more", Document.class, List.of());
        if (more.isEmpty()) {
            return List.of(stored);
        }
        long first = stored.getLong("_id");
        var events = new ArrayList<Document>(1 + more.size());
        events.add(stored); // readers take the fields they know; 'more' and the key list are ignored
        for (int i = 0; i < more.size(); i++) {
            events.add(new Document(more.get(i)).append("_id", first + 1 + i));
        }
        return events;
    }

    /** One counter update reserves positions {@code [first, first + count)}. */
    private long reserve(int count) {
        Document counter = counters.findOneAndUpdate(
                eq("_id", POSITION_COUNTER),
                Updates.inc("next", (long) count),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        return counter.getLong("next") - count;
    }

    /**
     * Marks reserved positions whose commit was not stored as taken. If it did land (the failure
     * was only in the reply), its document keeps the position and the tombstone is refused.
     */
    private void tombstone(long first, int count) {
        try {
            events.insertOne(new Document("_id", first)
                    .append("streamKey", "tombstone/" + first)
                    .append("tombstone", true)
                    .append("positions", count));
        } catch (MongoWriteException alreadyThere) {
            // the commit holds the position
        } catch (MongoException storeUnavailable) {
            // readers treat the positions as gaps and stop waiting after the gap timeout
        }
    }

    static boolean isDuplicateKey(Exception e) {
        if (e instanceof MongoBulkWriteException bulk) {
            return bulk.getWriteErrors().stream()
                    .anyMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
        }
        return e instanceof MongoWriteException write && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }

    private static Document toDocument(long position, DomainEventMessage<?> event, Serializer serializer) {
        SerializedObject<String> payload = event.serializePayload(serializer, String.class);
        SerializedObject<String> metaData = event.serializeMetaData(serializer, String.class);
        return new Document("_id", position)
                .append("streamKey", streamKey(event.getAggregateIdentifier(), event.getSequenceNumber()))
                .append("aggregateType", event.getType())
                .append("aggregateIdentifier", event.getAggregateIdentifier())
                .append("sequenceNumber", event.getSequenceNumber())
                .append("eventIdentifier", event.getIdentifier())
                .append("timestamp", DateTimeUtils.formatInstant(event.getTimestamp()))
                .append("payloadType", payload.getType().getName())
                .append("payloadRevision", payload.getType().getRevision())
                .append("payload", payload.getData())
                .append("metaData", metaData.getData());
    }

    static String streamKey(String aggregateIdentifier, long sequenceNumber) {
        return aggregateIdentifier + "/" + sequenceNumber;
    }

    // ---- loading an aggregate

    /**
     * Pages of stream keys, small first: most cases are short, and every key in an {@code $in}
     * costs a lookup whether or not it exists.
     */
    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(
            String aggregateIdentifier, long firstSequenceNumber, int batchSize) {
        var stream = new ArrayList<DomainEventData<?>>();
        long next = firstSequenceNumber;
        int page = Math.min(FIRST_PAGE, batchSize);
        while (stream.size() < batchSize) {
            long end = next + Math.min(page, batchSize - stream.size());
            var keys = LongStream.range(next, end)
                    .mapToObj(sequence -> streamKey(aggregateIdentifier, sequence))
                    .toList();
            var found = new ArrayList<Document>();
            for (Document stored : events.find(in("streamKey", keys))) {
                eventsIn(stored).stream()
                        .filter(e -> aggregateIdentifier.equals(e.getString("aggregateIdentifier")))
                        .forEach(found::add);
            }
            found.sort(Comparator.comparingLong(d -> d.getLong("sequenceNumber")));
            for (Document document : found) {
                if (document.getLong("sequenceNumber") < next) {
                    continue; // an earlier part of a commit that reaches into this page
                }
                if (document.getLong("sequenceNumber") != next) {
                    return stream; // sequences are contiguous; anything past a hole is not this stream's yet
                }
                stream.add(toEventData(document));
                next++;
            }
            if (next < end) {
                return stream;
            }
            page *= 4;
        }
        return stream;
    }

    /** Exponential then binary search over stream keys: O(log n) key lookups. */
    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        if (!exists(aggregateIdentifier, 0)) {
            return Optional.empty();
        }
        long present = 0;
        long absent = 1;
        while (exists(aggregateIdentifier, absent)) {
            present = absent;
            absent *= 2;
        }
        while (absent - present > 1) {
            long middle = (present + absent) >>> 1;
            if (exists(aggregateIdentifier, middle)) {
                present = middle;
            } else {
                absent = middle;
            }
        }
        return Optional.of(present);
    }

    /**
     * Whether anyone has appended to the aggregate after {@code sequenceNumber}: one key lookup,
     * shared with the lookups of other threads asking at the same time.
     */
    public boolean hasEventAfter(String aggregateIdentifier, long sequenceNumber) {
        var lookup = new Lookup(streamKey(aggregateIdentifier, sequenceNumber + 1));
        lookups.send(lookup);
        return lookup.found;
    }

    private static final class Lookup {
        final String streamKey;
        boolean found;

        Lookup(String streamKey) {
            this.streamKey = streamKey;
        }
    }

    private void lookUpTogether(List<Lookup> group) {
        var present = new HashSet<Object>();
        for (Document stored : events.find(
                        in("streamKey", group.stream().map(l -> l.streamKey).toList()))
                .projection(new Document("streamKey", 1))) {
            // a commit of several events keeps all their keys in a list
            Object keys = stored.get("streamKey");
            present.addAll(keys instanceof List<?> list ? list : List.of(keys));
        }
        group.forEach(lookup -> lookup.found = present.contains(lookup.streamKey));
    }

    private boolean exists(String aggregateIdentifier, long sequence) {
        return events.find(eq("streamKey", streamKey(aggregateIdentifier, sequence)))
                        .projection(new Document("_id", 1))
                        .first()
                != null;
    }

    // ---- tracking

    /**
     * New positions first, then every position still missing below the highest found, again until
     * a look finds nothing more. A find is not a snapshot: a commit can land behind its cursor while
     * a later one lands ahead of it. But a commit that was stored before another began (as an
     * aggregate's event always is before its next) is visible to any find that starts after the
     * later one was seen, so no reader delivers an aggregate's events out of order.
     */
    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        var token = withoutExpiredGaps(
                lastToken == null
                        ? GapAwareTrackingToken.newInstance(-1, Set.of())
                        : (GapAwareTrackingToken) lastToken);
        var found = new ArrayList<Document>();
        // positions up to a head read before are reserved: a reader far behind need not read it again
        long head = token.getIndex() + batchSize <= knownHead.get()
                ? knownHead.get()
                : knownHead.accumulateAndGet(head(), Math::max);
        for (long from = token.getIndex() + 1; from <= head; from += batchSize) {
            var window = LongStream.rangeClosed(from, Math.min(from + batchSize - 1, head))
                    .boxed()
                    .toList();
            var inWindow = events.find(in("_id", window)).into(new ArrayList<>());
            found.addAll(inWindow);
            if (inWindow.stream().anyMatch(d -> !d.getBoolean("tombstone", false))) {
                break; // otherwise the window held only tombstones or writes still in flight: look further
            }
        }
        var missing = missingBelowFound(token, found);
        while (!missing.isEmpty()) {
            var late = events.find(in("_id", missing)).into(new ArrayList<>());
            if (late.isEmpty()) {
                break;
            }
            found.addAll(late);
            missing.removeAll(covered(late));
        }
        found.sort(Comparator.comparingLong(d -> d.getLong("_id")));
        payloadsFetched.accept(found.stream()
                .flatMap(stored -> eventsIn(stored).stream())
                .map(event -> event.getString("payload"))
                .toList());
        return advance(token, found);
    }

    /** The token's gaps and every new position below the highest found that no found commit covers. */
    private static Set<Long> missingBelowFound(GapAwareTrackingToken token, List<Document> found) {
        var missing = new TreeSet<>(token.getGaps());
        long highest = found.stream().mapToLong(d -> d.getLong("_id")).max().orElse(token.getIndex());
        LongStream.range(token.getIndex() + 1, highest).forEach(missing::add);
        missing.removeAll(covered(found));
        return missing;
    }

    private static Set<Long> covered(List<Document> stored) {
        var positions = new HashSet<Long>();
        for (Document document : stored) {
            int count = document.getBoolean("tombstone", false)
                    ? document.getInteger("positions", 1)
                    : eventsIn(document).size();
            LongStream.range(document.getLong("_id"), document.getLong("_id") + count)
                    .forEach(positions::add);
        }
        return positions;
    }

    /**
     * Advancing over a tombstone moves the index past it, so a tombstone never becomes a gap; a
     * gap that turns out to be a tombstone is filled like any other.
     */
    private List<TrackedEventData<?>> advance(GapAwareTrackingToken token, List<Document> found) {
        var tracked = new ArrayList<TrackedEventData<?>>(found.size());
        for (Document stored : found) {
            boolean tombstone = stored.getBoolean("tombstone", false);
            var held = eventsIn(stored);
            int positions = tombstone ? stored.getInteger("positions", 1) : held.size();
            for (int i = 0; i < positions; i++) {
                long position = stored.getLong("_id") + i;
                if (position <= token.getIndex() && !token.getGaps().contains(position)) {
                    continue;
                }
                token = token.advanceTo(position, maxGapOffset);
                if (!tombstone) {
                    tracked.add(new TrackedDomainEventData<>(token, toEventData(held.get(i))));
                }
            }
        }
        if (!tracked.isEmpty()) {
            Instant now = clock.instant();
            ((GapAwareTrackingToken) tracked.get(tracked.size() - 1).trackingToken())
                    .getGaps()
                    .forEach(gap -> gapFirstSeen.putIfAbsent(gap, now));
        }
        return tracked;
    }

    private GapAwareTrackingToken withoutExpiredGaps(GapAwareTrackingToken token) {
        Instant now = clock.instant();
        Set<Long> expired = new HashSet<>();
        for (long gap : token.getGaps()) {
            Instant seen = gapFirstSeen.computeIfAbsent(gap, g -> now);
            if (seen.plus(gapTimeout).isBefore(now)) {
                expired.add(gap);
            }
        }
        gapFirstSeen.keySet().removeIf(gap -> gap < token.getIndex() - maxGapOffset);
        return expired.isEmpty() ? token : without(token, expired);
    }

    private static GapAwareTrackingToken without(GapAwareTrackingToken token, Set<Long> expired) {
        var gaps = new TreeSet<>(token.getGaps());
        gaps.removeAll(expired);
        return GapAwareTrackingToken.newInstance(token.getIndex(), gaps);
    }

    /** The highest position reserved so far. */
    private long head() {
        Document counter = counters.find(eq("_id", POSITION_COUNTER)).first();
        return counter == null ? -1 : counter.getLong("next") - 1;
    }

    @Override
    public TrackingToken createTailToken() {
        return null;
    }

    @Override
    public TrackingToken createHeadToken() {
        return GapAwareTrackingToken.newInstance(head(), Set.of());
    }

    /** Binary search over positions for the first event at or after {@code instant}: O(log n) lookups. */
    @Override
    public TrackingToken createTokenAt(Instant instant) {
        long low = 0;
        long high = head() + 1;
        while (low < high) {
            long middle = (low + high) >>> 1;
            Optional<Instant> at = timestampAtOrAfter(middle, high);
            if (at.isPresent() && !at.get().isBefore(instant)) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low == 0 ? null : GapAwareTrackingToken.newInstance(low - 1, Set.of());
    }

    /** When the first event stored at or after {@code position} (within 32 positions) was stored, if there is one yet. */
    public Optional<Instant> storedAtOrAfter(long position) {
        return timestampAtOrAfter(position, Long.MAX_VALUE); // positions not reserved yet are simply not found
    }

    private Optional<Instant> timestampAtOrAfter(long position, long limit) {
        var probe = LongStream.range(position, Math.min(position + 32, limit))
                .boxed()
                .toList();
        return events.find(in("_id", probe)).into(new ArrayList<>()).stream()
                .filter(d -> !d.getBoolean("tombstone", false))
                .min(Comparator.comparingLong(d -> d.getLong("_id")))
                .map(d -> DateTimeUtils.parseInstant(d.getString("timestamp")));
    }

    // ---- snapshots: one per aggregate, keyed by its id

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        Document document = toDocument(snapshot.getSequenceNumber(), snapshot, serializer);
        document.put("_id", snapshot.getAggregateIdentifier());
        document.remove("streamKey");
        try {
            snapshots.replaceOne(
                    new Document("_id", snapshot.getAggregateIdentifier())
                            .append("sequenceNumber", new Document("$lt", snapshot.getSequenceNumber())),
                    document,
                    new ReplaceOptions().upsert(true));
        } catch (MongoWriteException newerSnapshotExists) {
            if (newerSnapshotExists.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw newerSnapshotExists;
            }
        }
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        Document snapshot = snapshots.find(eq("_id", aggregateIdentifier)).first();
        return snapshot == null ? Stream.empty() : Stream.of(toEventData(snapshot));
    }

    private static DomainEventData<String> toEventData(Document d) {
        return new GenericDomainEventEntry<>(
                d.getString("aggregateType"),
                d.getString("aggregateIdentifier"),
                d.getLong("sequenceNumber"),
                d.getString("eventIdentifier"),
                d.getString("timestamp"),
                d.getString("payloadType"),
                d.getString("payloadRevision"),
                d.getString("payload"),
                d.getString("metaData"));
    }

    public static class Builder extends BatchingEventStorageEngine.Builder {

        private MongoDatabase database;
        private Duration gapTimeout = Duration.ofSeconds(60);
        private int maxGapOffset = 10_000;
        private Clock clock = Clock.systemUTC();
        private Runnable afterReserve = () -> {};
        private Runnable beforeInsert = () -> {};
        private Consumer<List<String>> payloadsFetched = payloads -> {};

        public Builder() {
            persistenceExceptionResolver(HavenEventStorageEngine::isDuplicateKey);
        }

        public Builder database(MongoDatabase database) {
            this.database = database;
            return this;
        }

        /** How long a reader waits for a reserved position to become visible before giving up on it. */
        public Builder gapTimeout(Duration gapTimeout) {
            this.gapTimeout = gapTimeout;
            return this;
        }

        public Builder maxGapOffset(int maxGapOffset) {
            this.maxGapOffset = maxGapOffset;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** For fault tests only: runs between reserving positions and inserting the events. */
        public Builder afterReserve(Runnable afterReserve) {
            this.afterReserve = afterReserve;
            return this;
        }

        /** Told the stored payloads of each page of events fetched for a reader, before any is decoded. */
        public Builder payloadsFetched(Consumer<List<String>> payloadsFetched) {
            this.payloadsFetched = payloadsFetched;
            return this;
        }

        /** For fault tests only: runs once the commit is serialised (its personal data sealed), before it is inserted. */
        public Builder beforeInsert(Runnable beforeInsert) {
            this.beforeInsert = beforeInsert;
            return this;
        }

        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            return this;
        }

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            return this;
        }

        @Override
        public Builder upcasterChain(org.axonframework.serialization.upcasting.event.EventUpcaster upcasterChain) {
            super.upcasterChain(upcasterChain);
            return this;
        }

        @Override
        public Builder snapshotFilter(org.axonframework.eventsourcing.snapshotting.SnapshotFilter snapshotFilter) {
            super.snapshotFilter(snapshotFilter);
            return this;
        }

        @Override
        public Builder batchSize(int batchSize) {
            super.batchSize(batchSize);
            return this;
        }

        public HavenEventStorageEngine build() {
            if (database == null) {
                throw new org.axonframework.common.AxonConfigurationException("a MongoDatabase is required");
            }
            return new HavenEventStorageEngine(this);
        }
    }
}
