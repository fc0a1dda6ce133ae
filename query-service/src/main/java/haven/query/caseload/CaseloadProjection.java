package haven.query.caseload;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.addToSet;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.unset;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import haven.events.CaseClosed;
import haven.events.CaseId;
import haven.events.CaseReassigned;
import haven.events.CaseReopened;
import haven.events.CaseResolved;
import haven.events.CaseTriaged;
import haven.events.CaseworkerAssigned;
import haven.events.ConflictOfInterestDeclared;
import haven.events.MessageToReporterSent;
import haven.events.ReportSubmitted;
import haven.events.StaffMemberNamed;
import haven.infra.eventstore.privacy.StaffPseudonyms;
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
 * Two views of the same case rows: {@code case_files} holds every case by id (closed ones are found
 * there by key), {@code caseload} only the open ones, so listing and filtering a caseload costs the
 * open cases, never the history. Every write sets values taken from the event and then copies the
 * whole row, so an event delivered twice changes nothing. Copies no personal data.
 */
@Component
@ProcessingGroup("caseload")
class CaseloadProjection {

    static final String CASE_FILES = "case_files";
    static final String OPEN_CASES = "caseload";

    private final MongoCollection<Document> caseFiles;
    private final MongoCollection<Document> openCases;
    private final StaffPseudonyms pseudonyms;

    CaseloadProjection(MongoDatabase havenDatabase, StaffPseudonyms pseudonyms) {
        this.caseFiles = havenDatabase.getCollection(CASE_FILES);
        this.openCases = havenDatabase.getCollection(OPEN_CASES);
        this.pseudonyms = pseudonyms;
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
        exclude(e.caseId(), pseudonyms.of(e.caseworker()));
    }

    @EventHandler
    void on(StaffMemberNamed e) {
        exclude(e.caseId(), e.staffPseudonym());
    }

    /** Stored by pseudonym, so the view does not say who is kept out of the case; if they held it, it is unassigned. */
    private void exclude(CaseId caseId, String pseudonym) {
        // read, then write by _id alone (the embedded store indexes only that filter); one segment owns a case
        Document row = caseFiles.find(eq("_id", caseId.value())).first();
        Bson excluded = addToSet(CaseAccess.EXCLUDED, pseudonym);
        String assignee = row == null ? null : row.getString("assignee");
        boolean heldIt = assignee != null && pseudonyms.of(assignee).equals(pseudonym);
        update(caseId, heldIt ? combine(unset("assignee"), excluded) : excluded);
    }

    @EventHandler
    void on(MessageToReporterSent e) {
        update(e.caseId(), set("firstContactMade", true));
    }

    @EventHandler
    void on(CaseResolved e) {
        update(e.caseId(), set("status", CaseStatus.RESOLVED.name()), set("outcome", e.outcome().name()),
                set("appealDeadline", Date.from(e.appealDeadline())));
    }

    @EventHandler
    void on(CaseClosed e, @Timestamp Instant at) {
        update(e.caseId(), set("status", CaseStatus.CLOSED.name()), set("closedAt", Date.from(at)));
    }

    @EventHandler
    void on(CaseReopened e) {
        update(e.caseId(), set("status", CaseStatus.REOPENED.name()), unset("outcome"), unset("appealDeadline"),
                unset("closedAt"));
    }

    @ResetHandler
    void reset() {
        caseFiles.drop();
        openCases.drop();
    }

    private void update(CaseId caseId, Bson... changes) {
        copyToCaseload(caseFiles.findOneAndUpdate(eq("_id", caseId.value()), combine(changes),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)));
    }

    private void copyToCaseload(Document row) {
        if (CaseStatus.CLOSED.name().equals(row.getString("status"))) {
            openCases.deleteOne(eq("_id", row.get("_id")));
        } else {
            openCases.replaceOne(eq("_id", row.get("_id")), row, new ReplaceOptions().upsert(true));
        }
    }
}
