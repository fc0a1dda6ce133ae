package haven.query.caseload;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import haven.infra.eventstore.BatchWrites;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * How many open cases each status, risk and next date due has, kept as the caseload projection
 * moves cases between them, so the gauges read a few documents however many cases are open. They
 * read every open case every 15 s before, which held the embedded store's caseload for longer as it
 * grew: the soak's report→caseload p99 tripled over 30 minutes (BENCHMARKS.md).
 *
 * <p>Exactly once without transactions: each segment of the projection keeps its counts in one
 * document with the token of the last batch it counted, written before the batch's rows. A batch
 * handed over again (its rows or its token not stored) does not count the events that token covers
 * again. A dead letter retried by hand is outside any segment: it counts in a document of its own.
 *
 * <p>Each instance remembers the document it wrote last for a segment, so a batch costs one write,
 * not a read and a write: the caseload makes a round trip after another for each batch, and was the
 * last projection of a rebuild to catch up (BENCHMARKS.md). Every write replaces the document only
 * if it is still the one read or remembered, by a version drawn at random for each write: a counter
 * would repeat after a rebuild empties the view, so a document written since by another instance
 * could pass for the one remembered.
 *
 * <p>Counts are only whole when the view was built from the first event ({@link #COMPLETE}): a
 * store from before this class has them from its next caseload rebuild, and is counted row by row
 * until then.
 */
@Component
class OpenCaseCounts {

    /** Present when every event of the view's generation was counted. */
    private static final String COMPLETE = "complete";

    private static final String BY_HAND = "retried-by-hand";
    private static final String COUNTS = "counts";
    private static final String VERSION = "version";
    private static final String TOKEN = "token";
    private static final String SEGMENT = "Processor[" + CaseViews.PROCESSOR + "]/SegmentId";
    private static final String LAST_TOKEN = "Processor[" + CaseViews.PROCESSOR + "]/Token";

    private final Serializer tokens;
    /** The document this instance wrote last for each segment, by collection and id. */
    private final Map<String, Document> written = new ConcurrentHashMap<>();

    OpenCaseCounts(@Qualifier("serializer") Serializer tokens) {
        this.tokens = tokens;
    }

    /** Marks a generation about to be built from the first event. */
    static void countedFromTheStart(CaseViews.Generation generation) {
        generation
                .openCaseCounts()
                .replaceOne(eq("_id", COMPLETE), new Document("_id", COMPLETE), new ReplaceOptions().upsert(true));
    }

    /** A rebuild empties the counts: what this instance wrote is gone (another instance finds out on its next write). */
    void forgetWritten() {
        written.clear();
    }

    /** The count of each bucket ({@link #bucketOf}), or nothing if the generation's counts are not whole. */
    static Optional<Map<String, Integer>> read(CaseViews.Generation generation) {
        var all = new HashMap<String, Integer>();
        boolean complete = false;
        for (Document stored : generation.openCaseCounts().find()) {
            complete |= COMPLETE.equals(stored.get("_id"));
            stored.get(COUNTS, new Document()).forEach((bucket, n) -> all.merge(bucket, (Integer) n, Integer::sum));
        }
        return complete ? Optional.of(all) : Optional.empty();
    }

    /** "status/risk/next date due" ("" for none, "UNTRIAGED" before triage) of an open case; null for any other row. */
    static String bucketOf(Document row) {
        if (row.getString(CaseFile.STATUS) == null || CaseStatus.CLOSED.name().equals(row.getString(CaseFile.STATUS))) {
            return null;
        }
        var file = CaseFile.of(row);
        return file.status() + "/"
                + (file.risk() == null
                        ? OpenCaseGauges.NO_RISK_YET
                        : file.risk().name()) + "/" + Objects.toString(file.nextDue(), "");
    }

    /** The case of the event being handled moved from one bucket to another (null: none). */
    void moved(CaseViews.Generation writing, String from, String to) {
        if (!Objects.equals(from, to)) {
            BatchWrites.current()
                    .firstly(writing.openCaseCounts(), () -> new Tally(writing.openCaseCounts()))
                    .moved(from, to);
        }
    }

    /** One batch's moves, stored before its rows. */
    private final class Tally implements Runnable {

        private final MongoCollection<Document> counts;
        private final UnitOfWork<?> batch;
        private final String id;
        private final Document stored;
        private final TrackingToken counted;
        private final Map<String, Integer> changes = new HashMap<>();

        Tally(MongoCollection<Document> counts) {
            this.counts = counts;
            this.batch = CurrentUnitOfWork.get().root();
            Integer segment = batch.getResource(SEGMENT);
            this.id = segment == null ? BY_HAND : "segment/" + segment;
            Document remembered = segment == null ? null : written.get(key());
            this.stored = segment == null || remembered != null
                    ? remembered
                    : counts.find(eq("_id", id)).first();
            this.counted = stored == null ? null : token(stored.get(TOKEN, Document.class));
        }

        void moved(String from, String to) {
            if (counted != null
                    && CurrentUnitOfWork.get().getMessage() instanceof TrackedEventMessage<?> event
                    && counted.covers(WrappedToken.unwrapLowerBound(event.trackingToken()))) {
                return; // counted before the batch was handed over again
            }
            if (from != null) {
                changes.merge(from, -1, Integer::sum);
            }
            if (to != null) {
                changes.merge(to, 1, Integer::sum);
            }
        }

        @Override
        public void run() {
            changes.values().removeIf(n -> n == 0);
            if (changes.isEmpty()) {
                return;
            }
            if (id.equals(BY_HAND)) {
                counts.updateOne(
                        eq("_id", id),
                        Updates.combine(changes.entrySet().stream()
                                .map(change -> Updates.inc(COUNTS + "." + change.getKey(), change.getValue()))
                                .toList()),
                        new UpdateOptions().upsert(true));
                return;
            }
            var now = new Document(stored == null ? Map.of() : stored.get(COUNTS, Document.class));
            changes.forEach((bucket, change) -> {
                int n = now.getInteger(bucket, 0) + change;
                if (n == 0) {
                    now.remove(bucket); // a day long past does not stay behind as a zero
                } else {
                    now.put(bucket, n);
                }
            });
            TrackingToken last = batch.getResource(LAST_TOKEN);
            var next = new Document("_id", id)
                    .append(VERSION, ThreadLocalRandom.current().nextLong())
                    .append(TOKEN, stored(WrappedToken.unwrapLowerBound(last)))
                    .append(COUNTS, now);
            written.remove(key()); // until it is known to be stored: a failed batch reads the counts again
            if (stored == null) {
                // a duplicate key: another instance counted this segment meanwhile, so the batch is tried again
                counts.insertOne(next);
            } else if (counts.replaceOne(and(eq("_id", id), eq(VERSION, stored.get(VERSION))), next)
                            .getMatchedCount()
                    == 0) {
                throw new IllegalStateException("Segment " + id + " of the caseload was counted by another instance");
            }
            written.put(key(), next);
        }

        private String key() {
            return counts.getNamespace() + "/" + id;
        }
    }

    private Document stored(TrackingToken token) {
        if (token == null) {
            return null;
        }
        SerializedObject<String> serialized = tokens.serialize(token, String.class);
        return new Document("type", serialized.getType().getName())
                .append("revision", serialized.getType().getRevision())
                .append("data", serialized.getData());
    }

    private TrackingToken token(Document stored) {
        return stored == null
                ? null
                : tokens.deserialize(new SimpleSerializedObject<>(
                        stored.getString("data"),
                        String.class,
                        stored.getString("type"),
                        stored.getString("revision")));
    }
}
