package haven.infra.eventstore;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * A processor's writes for one batch of events (a projection's or a watcher's), sent as one bulk
 * write per collection when the batch ends, and the rows it reads, fetched for the whole batch in
 * one query. A rebuild sent a round trip or more per event and was bound by them (BENCHMARKS.md).
 *
 * <p>{@link WriteAtBatchEnd} writes them before the processor stores the batch's token, so a crash
 * replays the whole batch; every processor's writes are idempotent. Outside a processor's batch
 * (a dead letter retried by hand) they are written when the unit of work commits.
 */
public final class BatchWrites {

    static final String RESOURCE = BatchWrites.class.getName();
    static final String IN_A_BATCH = RESOURCE + ".batched";

    private final List<? extends Message<?>> messages;
    private final Map<MongoCollection<Document>, List<WriteModel<Document>>> upserts = new LinkedHashMap<>();
    private final Map<MongoCollection<Document>, Map<Object, Document>> rows = new HashMap<>();
    /** Rows saved or deleted in this batch: each is written once, as it stands at the end. */
    private final Map<MongoCollection<Document>, Set<Object>> changedRows = new LinkedHashMap<>();

    private final Map<Object, Runnable> firstly = new LinkedHashMap<>();
    private final Map<Object, Runnable> lastly = new LinkedHashMap<>();

    private BatchWrites(List<? extends Message<?>> messages) {
        this.messages = messages;
    }

    /** The writes of the batch being handled now. */
    public static BatchWrites current() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(RESOURCE, key -> {
            var batch = new BatchWrites(
                    unitOfWork instanceof BatchingUnitOfWork<?> batching
                            ? batching.getMessages()
                            : unitOfWork.getMessage() == null ? List.of() : List.of(unitOfWork.getMessage()));
            if (!unitOfWork.resources().containsKey(IN_A_BATCH)) {
                unitOfWork.onPrepareCommit(done -> batch.write());
            }
            return batch;
        });
    }

    /** An upsert by {@code _id}; in order with this batch's other upserts to the collection. */
    public void upsert(MongoCollection<Document> collection, Object id, Bson update) {
        upserts.computeIfAbsent(collection, c -> new ArrayList<>())
                .add(new UpdateOneModel<>(eq("_id", id), update, new UpdateOptions().upsert(true)));
    }

    /** A delete by {@code _id}; in order with this batch's upserts to the collection. */
    public void deleteInOrder(MongoCollection<Document> collection, Object id) {
        upserts.computeIfAbsent(collection, c -> new ArrayList<>()).add(new DeleteOneModel<>(eq("_id", id)));
    }

    /**
     * The row with this {@code _id} as this batch has left it, or null. The first read of a collection
     * fetches the rows of every event in the batch ({@code idOf} each event; null for none).
     */
    public Document row(MongoCollection<Document> collection, Object id, Function<DomainEventMessage<?>, Object> idOf) {
        Map<Object, Document> known = rows.computeIfAbsent(collection, c -> fetch(c, idOf));
        if (!known.containsKey(id)) {
            known.put(id, collection.find(eq("_id", id)).first());
        }
        return known.get(id);
    }

    /** Stores the row whole (replacing it) when the batch ends, and remembers it for this batch's later reads. */
    public void save(MongoCollection<Document> collection, Document row) {
        change(collection, Objects.requireNonNull(row.get("_id"), "a saved row needs its _id"), row);
    }

    public void delete(MongoCollection<Document> collection, Object id) {
        change(collection, id, null);
    }

    private void change(MongoCollection<Document> collection, Object id, Document row) {
        rows.computeIfAbsent(collection, c -> new HashMap<>()).put(id, row);
        changedRows.computeIfAbsent(collection, c -> new LinkedHashSet<>()).add(id);
    }

    /**
     * A processor's own work for the batch's end that must be stored before its rows, made on first
     * use (one per {@code key}); it runs before the queued writes, in the order first asked for.
     */
    @SuppressWarnings("unchecked")
    public <T extends Runnable> T firstly(Object key, Supplier<T> create) {
        return (T) firstly.computeIfAbsent(key, k -> create.get());
    }

    /**
     * A processor's own work for the batch's end, made on first use (one per {@code key}); it runs
     * after the queued writes, in the order first asked for.
     */
    @SuppressWarnings("unchecked")
    public <T extends Runnable> T lastly(Object key, Supplier<T> create) {
        return (T) lastly.computeIfAbsent(key, k -> create.get());
    }

    private Map<Object, Document> fetch(
            MongoCollection<Document> collection, Function<DomainEventMessage<?>, Object> idOf) {
        var ids = messages.stream()
                .filter(DomainEventMessage.class::isInstance)
                .map(m -> idOf.apply((DomainEventMessage<?>) m))
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        var found = new HashMap<Object, Document>();
        ids.forEach(id -> found.put(id, null));
        // {_id: {$in: ...}} is a filter the embedded store answers from its index
        collection.find(in("_id", ids)).forEach(row -> found.put(row.get("_id"), row));
        return found;
    }

    /**
     * The work that goes first, the changed rows, then the upserts in order (no projection uses both on
     * one collection), then the work left for last.
     */
    void write() {
        firstly.values().forEach(Runnable::run);
        firstly.clear();
        // each row is written once, so order among them does not matter: saves before deletes makes
        // two commands, where interleaved they made one a run (thousands a catch-up)
        changedRows.forEach((collection, ids) -> collection.bulkWrite(ids.stream()
                .sorted(Comparator.comparing(id -> rows.get(collection).get(id) == null))
                .map(id -> rowWrite(collection, id))
                .toList()));
        changedRows.clear();
        upserts.forEach((collection, models) -> collection.bulkWrite(models, new BulkWriteOptions().ordered(true)));
        upserts.clear();
        lastly.values().forEach(Runnable::run);
        lastly.clear();
    }

    private WriteModel<Document> rowWrite(MongoCollection<Document> collection, Object id) {
        Document row = rows.get(collection).get(id);
        return row == null
                ? new DeleteOneModel<>(eq("_id", id))
                : new ReplaceOneModel<>(eq("_id", id), row, new ReplaceOptions().upsert(true));
    }
}
