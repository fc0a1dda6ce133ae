package haven.query.caseload;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.addEachToSet;
import static com.mongodb.client.model.Updates.pullAll;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * One batch's changes to the lists of an organisation's cases closed each month, written as one
 * change a list: a list holds a few thousand cases, and the embedded store copies a document whole
 * for each change to it. Only a case's last change in the batch counts, as when each was written in
 * turn; every change sets whether a case is listed, so a batch delivered again changes nothing.
 */
final class ClosedMonths implements Runnable {

    private static final String CASES = "cases";

    private final MongoCollection<Document> lists;
    /** By list: each case this batch lists (true) or takes off (false), as the batch leaves it. */
    private final Map<String, Map<String, Boolean>> changes = new LinkedHashMap<>();

    ClosedMonths(MongoCollection<Document> lists) {
        this.lists = lists;
    }

    void listed(String month, String caseId) {
        changes.computeIfAbsent(month, m -> new LinkedHashMap<>()).put(caseId, true);
    }

    void takenOff(String month, String caseId) {
        changes.computeIfAbsent(month, m -> new LinkedHashMap<>()).put(caseId, false);
    }

    @Override
    public void run() {
        var writes = new ArrayList<WriteModel<Document>>();
        changes.forEach((month, cases) -> {
            // a list cannot be added to and taken from in one update: two, as no case is in both
            var off = casesWhere(cases, false);
            var on = casesWhere(cases, true);
            if (!off.isEmpty()) {
                writes.add(upsert(month, pullAll(CASES, off)));
            }
            if (!on.isEmpty()) {
                writes.add(upsert(month, addEachToSet(CASES, on)));
            }
        });
        changes.clear();
        if (!writes.isEmpty()) {
            lists.bulkWrite(writes);
        }
    }

    private static List<String> casesWhere(Map<String, Boolean> cases, boolean listed) {
        return cases.entrySet().stream()
                .filter(change -> change.getValue() == listed)
                .map(Map.Entry::getKey)
                .toList();
    }

    private static WriteModel<Document> upsert(String month, Bson update) {
        return new UpdateOneModel<>(eq("_id", month), update, new UpdateOptions().upsert(true));
    }
}
