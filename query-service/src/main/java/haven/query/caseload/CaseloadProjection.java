package haven.query.caseload;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.unset;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import haven.events.CaseClosed;
import haven.events.CaseId;
import haven.events.CaseReassigned;
import haven.events.CaseReopened;
import haven.events.CaseResolved;
import haven.events.CaseTriaged;
import haven.events.CaseworkerAssigned;
import haven.events.ConflictOfInterestDeclared;
import haven.events.ReportSubmitted;
import java.time.Instant;
import java.util.Date;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * One document per case, keyed by case id. Every write is an upsert of values taken from the
 * event, so an event delivered twice changes nothing. Copies no personal data.
 */
@Component
@ProcessingGroup("caseload")
class CaseloadProjection {

    static final String COLLECTION = "caseload";

    private final MongoCollection<Document> cases;

    CaseloadProjection(MongoDatabase havenDatabase) {
        this.cases = havenDatabase.getCollection(COLLECTION);
    }

    @EventHandler
    void on(ReportSubmitted e, @Timestamp Instant at) {
        update(e.caseId(), set("reference", e.reference()), set("type", e.type().name()),
                set("category", e.category().name()), set("status", CaseStatus.SUBMITTED.name()),
                set("openedAt", Date.from(at)));
    }

    @EventHandler
    void on(CaseTriaged e) {
        update(e.caseId(), set("status", CaseStatus.TRIAGED.name()), set("category", e.category().name()),
                set("risk", e.risk().name()), set("route", e.route().name()),
                set("firstContactDue", e.firstContactDue().toString()),
                set("resolutionDue", e.resolutionDue().toString()));
    }

    @EventHandler
    void on(CaseworkerAssigned e) {
        update(e.caseId(), set("assignee", e.caseworker()), set("team", e.team()));
    }

    @EventHandler
    void on(CaseReassigned e) {
        update(e.caseId(), set("assignee", e.toCaseworker()), set("team", e.team()));
    }

    @EventHandler
    void on(ConflictOfInterestDeclared e) {
        cases.updateOne(new Document("_id", e.caseId().value()).append("assignee", e.caseworker()), unset("assignee"));
    }

    @EventHandler
    void on(CaseResolved e) {
        update(e.caseId(), set("status", CaseStatus.RESOLVED.name()), set("outcome", e.outcome().name()),
                set("appealDeadline", Date.from(e.appealDeadline())));
    }

    @EventHandler
    void on(CaseClosed e) {
        update(e.caseId(), set("status", CaseStatus.CLOSED.name()));
    }

    @EventHandler
    void on(CaseReopened e) {
        update(e.caseId(), set("status", CaseStatus.REOPENED.name()), unset("outcome"), unset("appealDeadline"));
    }

    @ResetHandler
    void reset() {
        cases.drop();
    }

    private void update(CaseId caseId, Bson... changes) {
        cases.updateOne(eq("_id", caseId.value()), combine(changes), new UpdateOptions().upsert(true));
    }
}
