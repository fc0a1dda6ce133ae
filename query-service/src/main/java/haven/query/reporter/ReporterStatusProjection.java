package haven.query.reporter;

import static com.mongodb.client.model.Updates.addToSet;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import haven.events.AppealDecided;
import haven.events.AppealLodged;
import haven.events.CaseClosed;
import haven.events.CaseId;
import haven.events.CaseReopened;
import haven.events.CaseResolved;
import haven.events.CaseTriaged;
import haven.events.CheckInAnswered;
import haven.events.CheckInSent;
import haven.events.ConsentToShareChanged;
import haven.events.EvidenceAttached;
import haven.events.LetterSent;
import haven.events.MeetingAdjourned;
import haven.events.MeetingNotesRecorded;
import haven.events.MeetingNotesShared;
import haven.events.MeetingScheduled;
import haven.events.MessageFromReporterReceived;
import haven.events.MessageToReporterSent;
import haven.events.MonitoringReturned;
import haven.events.PersonalDataErased;
import haven.events.ReportMadeInLanguage;
import haven.events.ReportRecordedOnBehalf;
import haven.events.ReportSubmitted;
import haven.infra.eventstore.BatchWrites;
import haven.infra.privacy.PersonalDataKeys;
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
 * What a reporter may see through their reference and receipt: where the case stands and the
 * messages exchanged, never who handles it. Two key lookups: reference → case (with the receipt
 * hash), case → status. Upserts of values from the event, and messages keyed by their id, make
 * redelivery harmless. Message texts are personal data: stored sealed with the case's key.
 */
@Component
@ProcessingGroup("reporter-status")
class ReporterStatusProjection {

    static final String REFERENCES = "reporter_references";
    static final String STATUSES = "reporter_statuses";
    /** Per reporting centre, the cases it recorded. */
    static final String CENTRES = "reporter_centres";

    private final MongoCollection<Document> references;
    private final MongoCollection<Document> statuses;
    private final MongoCollection<Document> centres;
    private final PersonalDataKeys keys;

    ReporterStatusProjection(MongoDatabase havenDatabase, PersonalDataKeys keys) {
        this.references = havenDatabase.getCollection(REFERENCES);
        this.statuses = havenDatabase.getCollection(STATUSES);
        this.centres = havenDatabase.getCollection(CENTRES);
        this.keys = keys;
    }

    @EventHandler
    void on(ReportSubmitted e, @Timestamp Instant at) {
        BatchWrites.current()
                .upsert(
                        references,
                        e.reference(),
                        combine(set("caseId", e.caseId().value()), set("receiptHash", e.receiptHash())));
        update(
                e.caseId(),
                set("stage", Stage.RECEIVED.name()),
                set("reference", e.reference()),
                set("submittedAt", Date.from(at)),
                set("type", e.type().name()),
                set("organisation", e.organisation()),
                set("consentToShare", e.consentToShare()));
    }

    /** The language the report was made in: the follow-up pages open in it. */
    @EventHandler
    void on(ReportMadeInLanguage e) {
        update(e.caseId(), set("language", e.language()));
    }

    /** A report a reporting centre recorded: listed for the centre, which sees its status and nothing more. */
    @EventHandler
    void on(ReportRecordedOnBehalf e) {
        if (e.centre() != null) {
            BatchWrites.current()
                    .upsert(centres, e.centre(), addToSet("cases", e.caseId().value()));
        }
    }

    /** That they answered the equality monitoring questions; what they answered is never here. */
    @EventHandler
    void on(MonitoringReturned e) {
        update(e.caseId(), set("monitoringReturned", true));
    }

    @EventHandler
    void on(ConsentToShareChanged e) {
        update(e.caseId(), set("consentToShare", e.consent()));
    }

    @EventHandler
    void on(CaseTriaged e) {
        update(e.caseId(), set("stage", Stage.BEING_LOOKED_INTO.name()));
    }

    /** A new outcome, which may be appealed in its own right. */
    @EventHandler
    void on(CaseResolved e) {
        update(
                e.caseId(),
                set("stage", Stage.RESOLVED.name()),
                set("outcome", e.outcome().name()),
                set("appealDeadline", Date.from(e.appealDeadline())),
                set("appealed", false),
                set("appealOutcome", null));
    }

    @EventHandler
    void on(AppealLodged e) {
        update(e.caseId(), set("stage", Stage.APPEALED.name()), set("appealed", true));
    }

    @EventHandler
    void on(AppealDecided e) {
        update(
                e.caseId(),
                set("stage", Stage.APPEAL_DECIDED.name()),
                set("appealOutcome", e.outcome().name()));
    }

    @EventHandler
    void on(CaseClosed e) {
        update(e.caseId(), set("stage", Stage.CLOSED.name()));
    }

    @EventHandler
    void on(CaseReopened e) {
        update(e.caseId(), set("stage", Stage.REOPENED.name()));
    }

    @EventHandler
    void on(MessageToReporterSent e, @Timestamp Instant at) {
        update(e.caseId(), message(e.caseId(), e.messageId(), "case team", e.text(), at));
    }

    @EventHandler
    void on(MessageFromReporterReceived e, @Timestamp Instant at) {
        update(e.caseId(), message(e.caseId(), e.messageId(), "you", e.text(), at));
    }

    /** "Has anything happened since?": open until they answer it. */
    @EventHandler
    void on(CheckInSent e) {
        update(e.caseId(), set("checkIn", "OPEN"));
    }

    @EventHandler
    void on(CheckInAnswered e) {
        update(e.caseId(), set("checkIn", "ANSWERED"));
    }

    /** Their letters, to read here and download as PDFs; sealed. */
    @EventHandler
    void on(LetterSent e, @Timestamp Instant at) {
        update(
                e.caseId(),
                set(
                        "letters." + e.letterId(),
                        new Document("kind", e.kind().name())
                                .append("text", keys.sealUnlessErased(e.caseId().value(), e.text()))
                                .append("at", Date.from(at))));
    }

    /** Their meetings: what for, when and where (sealed), and whether they may bring a companion. */
    @EventHandler
    void on(MeetingScheduled e) {
        update(
                e.caseId(),
                set(
                        "meetings." + e.meetingId(),
                        new Document("kind", e.kind().name())
                                .append("startsAt", e.startsAt().toString())
                                .append(
                                        "place",
                                        keys.sealUnlessErased(e.caseId().value(), e.place()))));
    }

    @EventHandler
    void on(MeetingAdjourned e) {
        update(
                e.caseId(),
                set("meetings." + e.meetingId() + ".adjourned", true),
                set(
                        "meetings." + e.meetingId() + ".resumesAt",
                        e.resumesAt() == null ? null : e.resumesAt().toString()));
    }

    /** Kept sealed, and shown to the reporter only once shared with them. */
    @EventHandler
    void on(MeetingNotesRecorded e) {
        update(
                e.caseId(),
                set(
                        "meetings." + e.meetingId() + ".notes",
                        keys.sealUnlessErased(e.caseId().value(), e.notes())));
    }

    @EventHandler
    void on(MeetingNotesShared e) {
        update(e.caseId(), set("meetings." + e.meetingId() + ".shared", true));
    }

    /** The reporter's own files, so they can see what they have sent; the case team's stay with the case. */
    @EventHandler
    void on(EvidenceAttached e, @Timestamp Instant at) {
        if (e.byReporter()) {
            update(
                    e.caseId(),
                    set(
                            "files." + e.fileId(),
                            new Document(
                                            "name",
                                            keys.sealUnlessErased(e.caseId().value(), e.fileName()))
                                    .append("at", Date.from(at))));
        }
    }

    /** The messages are sealed with the case's key, now destroyed: stop using any cached copy of it. */
    @EventHandler
    void on(PersonalDataErased e) {
        keys.forget(e.caseId().value());
        update(e.caseId(), set("stage", Stage.ERASED.name()));
    }

    @ResetHandler
    void reset() {
        references.drop();
        statuses.drop();
        centres.drop();
    }

    /** Keyed by message id, so a redelivered event rewrites its own message; the text is sealed. */
    private Bson message(CaseId caseId, String id, String from, String text, Instant at) {
        String sealed = keys.sealUnlessErased(caseId.value(), text);
        return set(
                "messages." + id,
                new Document("from", from).append("text", sealed).append("at", Date.from(at)));
    }

    private void update(CaseId caseId, Bson... changes) {
        BatchWrites.current().upsert(statuses, caseId.value(), combine(changes));
    }
}
