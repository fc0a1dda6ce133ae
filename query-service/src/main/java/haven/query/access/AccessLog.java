package haven.query.access;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import haven.infra.eventstore.privacy.PersonalDataKeys;
import haven.infra.security.Staff;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * Who read which case, when and why. Written once per read and never changed: this class only
 * inserts and finds, and no endpoint edits or deletes (in production, give the service's database
 * user only insert and find on {@code access_log}). A break-glass reason is sealed with the case's
 * key, so it is erased with the case's personal data; who read it and when survive.
 */
@Component
public class AccessLog {

    static final String COLLECTION = "access_log";

    /** Which part of a case was read. */
    public enum View { CASE_FILE, TIMELINE, RECORD }

    /** Why the reader was allowed to read it. */
    public enum Basis { ASSIGNED_CASEWORKER, TEAM_MANAGER, BREAK_GLASS }

    public record Entry(Instant at, String staff, String caseId, View view, Basis basis, String reason) {
    }

    private final MongoCollection<Document> log;
    private final PersonalDataKeys keys;
    private final Clock clock;

    AccessLog(MongoDatabase havenDatabase, PersonalDataKeys keys, Clock clock) {
        this.log = havenDatabase.getCollection(COLLECTION);
        this.keys = keys;
        this.clock = clock;
    }

    public void record(Staff reader, String caseId, View view, Basis basis, String sealedReason) {
        log.insertOne(new Document("_id", UUID.randomUUID().toString()).append("at", Date.from(clock.instant()))
                .append("staff", reader.id()).append("caseId", caseId).append("view", view.name())
                .append("basis", basis.name()).append("reason", sealedReason));
    }

    /** Newest first, filtered by case and by reader when given; an erased reason reads as null. */
    List<Entry> entries(String caseId, String staff, int page, int size) {
        var filters = new ArrayList<Bson>();
        if (caseId != null) {
            filters.add(eq("caseId", caseId));
        }
        if (staff != null) {
            filters.add(eq("staff", staff));
        }
        return log.find(filters.isEmpty() ? new Document() : and(filters)).sort(Sorts.descending("at", "_id"))
                .skip((int) Math.min(Integer.MAX_VALUE, (long) page * size)).limit(size).map(this::entry).into(new ArrayList<>());
    }

    private Entry entry(Document d) {
        String reason = d.getString("reason");
        return new Entry(d.getDate("at").toInstant(), d.getString("staff"), d.getString("caseId"),
                View.valueOf(d.getString("view")), Basis.valueOf(d.getString("basis")),
                reason == null ? null : keys.open(reason).orElse(null));
    }
}
