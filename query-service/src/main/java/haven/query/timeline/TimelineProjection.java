package haven.query.timeline;

import static com.mongodb.client.model.Updates.addToSet;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import haven.events.ActionAgreed;
import haven.events.ActionCompleted;
import haven.events.ActionFallsDue;
import haven.events.AppealDecided;
import haven.events.AppealHearerAppointed;
import haven.events.AppealLodged;
import haven.events.CaseClosed;
import haven.events.CaseEscalated;
import haven.events.CaseId;
import haven.events.CaseReassigned;
import haven.events.CaseReferred;
import haven.events.CaseReopened;
import haven.events.CaseResolved;
import haven.events.CaseTriaged;
import haven.events.CaseworkerAssigned;
import haven.events.CheckInAnswered;
import haven.events.CheckInSent;
import haven.events.ConflictOfInterestDeclared;
import haven.events.ConsentToShareChanged;
import haven.events.DeadlinesSet;
import haven.events.EscalationReason;
import haven.events.EvidenceAttached;
import haven.events.ExclusionLifted;
import haven.events.InvestigationNoteAdded;
import haven.events.LegalHoldLifted;
import haven.events.LegalHoldPlaced;
import haven.events.LetterSent;
import haven.events.MeetingAdjourned;
import haven.events.MeetingNotesRecorded;
import haven.events.MeetingNotesShared;
import haven.events.MeetingScheduled;
import haven.events.MessageFromReporterReceived;
import haven.events.MessageToReporterSent;
import haven.events.PersonalDataErased;
import haven.events.PoliceReportRecorded;
import haven.events.RedactionMade;
import haven.events.ReferralBasis;
import haven.events.ReferralReceived;
import haven.events.ReportRecordedOnBehalf;
import haven.events.ReportSubmitted;
import haven.events.RespondentRecorded;
import haven.events.RespondentStepTaken;
import haven.events.StaffMemberNamed;
import haven.infra.council.Partnership;
import haven.infra.eventstore.BatchWrites;
import haven.query.web.Words;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Each case's history: one document per case holding an entry per event (what, who, when), in
 * the order the case's events happened. An entry is built only from its event, so a redelivered
 * event adds nothing ({@code $addToSet}). Free text (narratives, notes, messages) is not copied.
 */
@Component
@ProcessingGroup("timeline")
class TimelineProjection {

    /** A meeting's time, as the history reads it: 10 December 2026 at 14:00. */
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm", Locale.UK);

    /** Who the timeline says did what Haven did itself. */
    private static final String HAVEN = "Haven";

    static final String COLLECTION = "timelines";
    static final String REPORTER = "reporter";

    private final MongoCollection<Document> timelines;
    private final Partnership partnership;

    TimelineProjection(MongoDatabase havenDatabase, Partnership partnership) {
        this.partnership = partnership;
        this.timelines = havenDatabase.getCollection(COLLECTION);
    }

    @EventHandler
    void on(ReportSubmitted e, EventMessage<?> m, @Timestamp Instant at) {
        add(
                e.caseId(),
                m,
                at,
                REPORTER,
                "Report submitted: " + Words.of(e.type()) + ", " + Words.of(e.category())
                        + (e.anonymous() ? ", anonymous" : ", named") + ", by " + Words.of(e.reporterRole()));
    }

    /** Each side sees the fact of a referral, and which partner is at the other end; never the other's case. */
    @EventHandler
    void on(CaseReferred e, EventMessage<?> m, @Timestamp Instant at) {
        add(
                e.caseId(),
                m,
                at,
                e.referredBy(),
                "Referred to " + nameOf(e.to())
                        + (e.basis() == ReferralBasis.CONSENT
                                ? " with the reporter's consent"
                                : " without consent, on a lawful basis a case manager confirmed")
                        + (e.redactionId() == null
                                ? "; only the report's categories shared"
                                : "; a redacted copy shared, " + e.maskedCharacters() + " characters hidden"));
    }

    /** Who made a copy for sharing, and how much it hides; why it hides it is on the case page. */
    @EventHandler
    void on(RedactionMade e, EventMessage<?> m, @Timestamp Instant at) {
        add(
                e.caseId(),
                m,
                at,
                e.madeBy(),
                "Redacted copy made for sharing: the narrative"
                        + (e.notes() == null || e.notes().isEmpty()
                                ? ""
                                : " and " + e.notes().size() + " note(s)")
                        + ", " + e.maskedCharacters() + " characters hidden");
    }

    @EventHandler
    void on(PoliceReportRecorded e, EventMessage<?> m, @Timestamp Instant at) {
        add(e.caseId(), m, at, e.recordedBy(), "Police crime reference and classification recorded");
    }

    @EventHandler
    void on(ReferralReceived e, EventMessage<?> m, @Timestamp Instant at) {
        add(
                e.caseId(),
                m,
                at,
                nameOf(e.from()),
                "Referral received from " + nameOf(e.from()) + ": " + Words.of(e.type()) + ", " + Words.of(e.category())
                        + "; the reporter follows it up with them");
    }

    private String nameOf(String organisation) {
        return partnership
                .organisation(organisation)
                .map(Partnership.Organisation::name)
                .orElse("a former partner");
    }

    @EventHandler
    void on(CaseTriaged e, EventMessage<?> m, @Timestamp Instant at) {
        add(
                e.caseId(),
                m,
                at,
                e.triagedBy(),
                "Triaged: " + Words.of(e.category()) + ", risk " + Words.of(e.risk())
                        + ", " + Words.of(e.route())
                        + (e.resolutionDue() == null
                                ? ""
                                : "; first contact by " + e.firstContactDue() + ", resolve by " + e.resolutionDue()));
    }

    /** Set by Haven from the service levels (or the triager's dates), so nobody is named. */
    @EventHandler
    void on(DeadlinesSet e, EventMessage<?> m, @Timestamp Instant at) {
        add(
                e.caseId(),
                m,
                at,
                HAVEN,
                switch (e.basis()) {
                    case RECEIPT -> "Due for triage by " + e.triageDue();
                    case TRIAGE ->
                        "Due: first contact by " + e.firstContactDue() + ", resolution by " + e.resolutionDue();
                    case REOPENING ->
                        "Due again from the reopening: first contact by " + e.firstContactDue() + ", resolution by "
                                + e.resolutionDue();
                });
    }

    @EventHandler
    void on(CaseEscalated e, EventMessage<?> m, @Timestamp Instant at) {
        String to = e.caseManagers().isEmpty() ? "the " + e.team() + " team" : String.join(", ", e.caseManagers());
        add(
                e.caseId(),
                m,
                at,
                HAVEN,
                "Escalated to " + to + ": " + Words.of(e.reason())
                        + (e.reason() == EscalationReason.NO_ACTIVITY ? " since " : ", was due ") + e.due());
    }

    @EventHandler
    void on(CaseworkerAssigned e, EventMessage<?> m, @Timestamp Instant at) {
        add(e.caseId(), m, at, e.assignedBy(), "Assigned to " + e.caseworker() + " (" + e.team() + ")");
    }

    @EventHandler
    void on(CaseReassigned e, EventMessage<?> m, @Timestamp Instant at) {
        add(
                e.caseId(),
                m,
                at,
                e.reassignedBy(),
                "Reassigned from " + e.fromCaseworker() + " to " + e.toCaseworker() + " (" + e.team() + ")");
    }

    @EventHandler
    void on(ConflictOfInterestDeclared e, EventMessage<?> m, @Timestamp Instant at) {
        add(e.caseId(), m, at, e.declaredBy(), "Conflict of interest recorded for " + e.caseworker());
    }

    /** Says that someone was excluded, never who: the timeline is read by those working on the case. */
    @EventHandler
    void on(StaffMemberNamed e, EventMessage<?> m, @Timestamp Instant at) {
        add(e.caseId(), m, at, e.namedBy(), "A member of staff named in the case was excluded from it");
    }

    /** Like a naming, never says who; the reason is in the case's history, sealed, for the data protection officer. */
    @EventHandler
    void on(ExclusionLifted e, EventMessage<?> m, @Timestamp Instant at) {
        add(
                e.caseId(),
                m,
                at,
                e.liftedBy(),
                "The data protection officer let an excluded member of staff back onto the case");
    }

    @EventHandler
    void on(PersonalDataErased e, EventMessage<?> m, @Timestamp Instant at) {
        add(e.caseId(), m, at, e.erasedBy(), "Personal data erased: " + Words.of(e.reason()));
    }

    @EventHandler
    void on(LegalHoldPlaced e, EventMessage<?> m, @Timestamp Instant at) {
        add(e.caseId(), m, at, e.placedBy(), "Legal hold placed: the case's records must be kept");
    }

    @EventHandler
    void on(LegalHoldLifted e, EventMessage<?> m, @Timestamp Instant at) {
        add(e.caseId(), m, at, e.liftedBy(), "Legal hold lifted");
    }

    @EventHandler
    void on(InvestigationNoteAdded e, EventMessage<?> m, @Timestamp Instant at) {
        add(e.caseId(), m, at, e.author(), "Investigation note added");
    }

    @EventHandler
    void on(ActionAgreed e, EventMessage<?> m, @Timestamp Instant at) {
        add(e.caseId(), m, at, e.agreedBy(), "Action agreed for " + e.owner() + ", due " + e.due());
    }

    @EventHandler
    void on(ReportRecordedOnBehalf e, EventMessage<?> m, @Timestamp Instant at) {
        add(
                e.caseId(),
                m,
                at,
                e.recordedBy(),
                "Recorded for the person: " + Words.of(e.channel())
                        + (e.recorderMayBeContacted() ? "; the recorder may be contacted" : ""));
    }

    @EventHandler
    void on(ActionFallsDue e, EventMessage<?> m, @Timestamp Instant at) {
        add(e.caseId(), m, at, HAVEN, "Action due today: its owner reminded");
    }

    @EventHandler
    void on(ActionCompleted e, EventMessage<?> m, @Timestamp Instant at) {
        add(e.caseId(), m, at, e.completedBy(), "Action completed");
    }

    @EventHandler
    void on(MessageToReporterSent e, EventMessage<?> m, @Timestamp Instant at) {
        add(e.caseId(), m, at, e.sender(), "Message sent to the reporter");
    }

    @EventHandler
    void on(MessageFromReporterReceived e, EventMessage<?> m, @Timestamp Instant at) {
        add(e.caseId(), m, at, REPORTER, "Message received from the reporter");
    }

    @EventHandler
    void on(EvidenceAttached e, EventMessage<?> m, @Timestamp Instant at) {
        add(e.caseId(), m, at, e.byReporter() ? REPORTER : e.addedBy(), "File added");
    }

    @EventHandler
    void on(CaseResolved e, EventMessage<?> m, @Timestamp Instant at) {
        add(e.caseId(), m, at, e.resolvedBy(), "Resolved: " + Words.of(e.outcome()));
    }

    @EventHandler
    void on(CaseClosed e, EventMessage<?> m, @Timestamp Instant at) {
        add(e.caseId(), m, at, e.closedBy(), "Closed");
    }

    @EventHandler
    void on(CaseReopened e, EventMessage<?> m, @Timestamp Instant at) {
        add(e.caseId(), m, at, e.reopenedBy(), "Reopened for new evidence");
    }

    @EventHandler
    void on(MeetingScheduled e, EventMessage<?> m, @Timestamp Instant at) {
        add(
                e.caseId(),
                m,
                at,
                e.scheduledBy(),
                Words.capitalised(e.kind()) + " arranged for " + e.startsAt().format(WHEN));
    }

    @EventHandler
    void on(MeetingAdjourned e, EventMessage<?> m, @Timestamp Instant at) {
        add(
                e.caseId(),
                m,
                at,
                e.adjournedBy(),
                "Meeting adjourned"
                        + (e.resumesAt() == null ? "" : " to " + e.resumesAt().format(WHEN)));
    }

    @EventHandler
    void on(MeetingNotesRecorded e, EventMessage<?> m, @Timestamp Instant at) {
        add(e.caseId(), m, at, e.recordedBy(), "Meeting notes recorded");
    }

    @EventHandler
    void on(MeetingNotesShared e, EventMessage<?> m, @Timestamp Instant at) {
        add(e.caseId(), m, at, e.sharedBy(), "Meeting notes shared with the reporter");
    }

    @EventHandler
    void on(ConsentToShareChanged e, EventMessage<?> m, @Timestamp Instant at) {
        add(
                e.caseId(),
                m,
                at,
                REPORTER,
                e.consent()
                        ? "The reporter agreed to their report being shared"
                        : "The reporter withdrew consent to share");
    }

    @EventHandler
    void on(CheckInSent e, EventMessage<?> m, @Timestamp Instant at) {
        add(e.caseId(), m, at, "Haven", "Check-in after closure sent to the reporter");
    }

    @EventHandler
    void on(CheckInAnswered e, EventMessage<?> m, @Timestamp Instant at) {
        add(
                e.caseId(),
                m,
                at,
                REPORTER,
                e.victimised()
                        ? "Check-in answered: treated badly for reporting"
                        : "Check-in answered: nothing has happened since");
    }

    @EventHandler
    void on(LetterSent e, EventMessage<?> m, @Timestamp Instant at) {
        add(e.caseId(), m, at, e.sentBy(), "Letter sent: " + Words.of(e.kind()));
    }

    @EventHandler
    void on(RespondentRecorded e, EventMessage<?> m, @Timestamp Instant at) {
        add(e.caseId(), m, at, e.recordedBy(), "Person complained about recorded: " + Words.of(e.relationship()));
    }

    @EventHandler
    void on(RespondentStepTaken e, EventMessage<?> m, @Timestamp Instant at) {
        add(e.caseId(), m, at, e.takenBy(), "Person complained about " + Words.of(e.step()));
    }

    @EventHandler
    void on(AppealLodged e, EventMessage<?> m, @Timestamp Instant at) {
        add(e.caseId(), m, at, e.byReporter() ? REPORTER : e.lodgedBy(), "Appeal lodged");
    }

    @EventHandler
    void on(AppealHearerAppointed e, EventMessage<?> m, @Timestamp Instant at) {
        add(e.caseId(), m, at, e.appointedBy(), "Appeal to be heard by " + e.hearer());
    }

    @EventHandler
    void on(AppealDecided e, EventMessage<?> m, @Timestamp Instant at) {
        add(e.caseId(), m, at, e.decidedBy(), "Appeal decided: " + Words.of(e.outcome()) + " (final)");
    }

    @ResetHandler
    void reset() {
        timelines.drop();
    }

    private void add(CaseId caseId, EventMessage<?> message, Instant at, String who, String what) {
        var entry = new Document("eventId", message.getIdentifier())
                .append("at", Date.from(at))
                .append("who", who)
                .append("what", what);
        BatchWrites.current().upsert(timelines, caseId.value(), addToSet("entries", entry));
    }
}
