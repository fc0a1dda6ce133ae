package haven.query.timeline;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import haven.infra.security.Staff;
import haven.query.access.AccessLog.View;
import haven.query.caseload.CaseAccess;
import haven.query.caseload.CaseFile;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/** The timeline view read: a case's audit trail, for those who may see the case. The API and the case page ask here. */
@Component
public class Timelines {

    public record Entry(Instant at, String who, String what) {}

    public record Timeline(String caseId, List<Entry> entries) {}

    private final MongoCollection<Document> timelines;

    private final CaseAccess access;

    Timelines(MongoDatabase havenDatabase, CaseAccess access) {
        this.timelines = havenDatabase.getCollection(TimelineProjection.COLLECTION);
        this.access = access;
    }

    /** The audit trail of everything written to the case, oldest first. */
    public Timeline timeline(String caseId, Staff staff) {
        return timeline(access.caseFile(caseId, staff, View.TIMELINE));
    }

    /** The audit trail of a case whose file {@link CaseAccess} granted (and logged). */
    public Timeline timeline(CaseFile granted) {
        String caseId = granted.caseId();
        Document found = timelines.find(eq("_id", caseId)).first();
        if (found == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no case with that id.");
        }
        var entries = found.getList("entries", Document.class).stream()
                .map(e -> new Entry(e.getDate("at").toInstant(), e.getString("who"), e.getString("what")))
                .toList();
        return new Timeline(caseId, entries);
    }
}
