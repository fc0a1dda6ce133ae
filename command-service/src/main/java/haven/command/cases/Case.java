package haven.command.cases;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
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
import haven.events.DeadlineBasis;
import haven.events.DeadlinesSet;
import haven.events.ErasureReason;
import haven.events.EscalationReason;
import haven.events.EvidenceAttached;
import haven.events.ExclusionLifted;
import haven.events.HistoricalCaseImported;
import haven.events.InvestigationNoteAdded;
import haven.events.LegalHoldLifted;
import haven.events.LegalHoldPlaced;
import haven.events.LetterKind;
import haven.events.LetterSent;
import haven.events.MeetingAdjourned;
import haven.events.MeetingKind;
import haven.events.MeetingNotesRecorded;
import haven.events.MeetingNotesShared;
import haven.events.MeetingScheduled;
import haven.events.MessageFromReporterReceived;
import haven.events.MessageToReporterSent;
import haven.events.MonitoringReturned;
import haven.events.PersonalDataErased;
import haven.events.PoliceReportRecorded;
import haven.events.RedactionMade;
import haven.events.ReferralBasis;
import haven.events.ReferralReceived;
import haven.events.ReportMadeInLanguage;
import haven.events.ReportRecordedOnBehalf;
import haven.events.ReportRoutedToTeam;
import haven.events.ReportSubmitted;
import haven.events.ReportType;
import haven.events.ReporterMessagesRead;
import haven.events.RespondentRecorded;
import haven.events.RespondentStep;
import haven.events.RespondentStepTaken;
import haven.events.RiskLevel;
import haven.events.StaffMemberNamed;
import haven.infra.council.Areas;
import haven.infra.council.Partnership;
import haven.infra.privacy.StaffPseudonyms;
import haven.infra.security.NeedToKnow;
import haven.infra.security.Staff;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.ApplyMore;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A report and everything done about it. Holds only what its rules need. Snapshots serialise
 * its fields directly (it has no getters to expose); a snapshot of another revision is ignored and
 * the case rebuilt from its events.
 */
@Aggregate(
        cache = "caseCache",
        commandTargetResolver = "caseTargets",
        snapshotTriggerDefinition = "caseSnapshotTrigger",
        snapshotFilter = "caseSnapshotFilter")
@Revision(Case.REVISION)
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
class Case {

    private enum Stage {
        SUBMITTED,
        TRIAGED,
        RESOLVED,
        /** its outcome is appealed: heard and decided apart from the case's work */
        APPEALED,
        CLOSED
    }

    static final String NAMED_BY_REPORTER = "reporter";
    static final String CHECK_IN_MESSAGE = "Your case was closed a few weeks ago. Has anything happened since?"
            + " If you have been treated badly because you reported, tell us below: we will look at it again.";
    static final String VICTIMISATION = "The reporter says they were treated badly because they reported";
    static final String HAVEN = "haven";
    static final String LETTER_MESSAGE = "We have sent you a letter. You can read it below and download it as a PDF.";
    private static final String NO_REPORTER =
            "A referral has no reporter to write to: the organisation that referred it is in touch with them";
    /** Raised whenever a field is added, so that no snapshot without it is loaded. */
    static final String REVISION = "10";

    @AggregateIdentifier
    private CaseId caseId;

    private Stage stage;
    private ReportType type;
    private String assignee;
    private String team;
    /** Null in a snapshot or history from before Haven served a partnership: the founder's case. */
    private String organisation;

    private final Set<String> conflicted = new HashSet<>();
    /** Pseudonyms of the staff named in the case. */
    private final Set<String> named = new HashSet<>();

    /** What each agreed action's rules need, by its id. */
    private record AgreedAction(String owner, LocalDate due, boolean done) {}

    private final Map<String, AgreedAction> actions = new HashMap<>();

    /** What each meeting's rules need, by its id: whether its notes are recorded, and shared. */
    private record Meeting(boolean held, boolean shared) {}

    private final Map<String, Meeting> meetings = new HashMap<>();

    /** The steps taken with each person complained about, by their id. */
    private final Map<String, Set<RespondentStep>> respondents = new HashMap<>();

    private Instant appealDeadline;
    /** Who resolved it, and so may not hear its appeal. */
    private String resolvedBy;
    /** Whether its current outcome has been appealed, and whether that appeal is decided (then final). */
    private boolean appealLodged;

    private boolean appealDecided;
    private String appealHearer;
    private boolean erased;
    private boolean onLegalHold;
    /** Whether the reporter consented to their report being shared. */
    private boolean consentToShare;
    /** The organisations it has been referred to. */
    private final Set<String> referredTo = new HashSet<>();
    /** Its investigation notes' ids, which a redacted copy may include. */
    private final Set<String> notes = new HashSet<>();
    /** The redacted copies made for sharing, by id. */
    private final Set<String> redactions = new HashSet<>();
    /** Whether the reporter has returned the equality monitoring questions (never what they answered). */
    private boolean monitoringReturned;
    /** A case opened for another partner's referral: it has no reporter of its own. */
    private boolean referral;

    /** The day its deadlines count from: its receipt, or its latest reopening. */
    private LocalDate countedFrom;

    private RiskLevel risk;
    private LocalDate triageDue;
    private LocalDate firstContactDue;
    private LocalDate resolutionDue;
    /** The check-in after the latest closure: asked, and answered. */
    private boolean checkInSent;

    private boolean checkInAnswered;

    /** Whether the reporter has been written to since the case was received or reopened. */
    private boolean contacted;

    /**
     * Each missed deadline escalated, as {@link #escalationKey}, and each action's owner reminded, as
     * {@link #reminderKey}: once, however often it is found.
     */
    private final Set<String> escalated = new HashSet<>();
    /** The reporter has written since anyone replied or marked it read. */
    private boolean unreadFromReporter;

    Case() {
        // for Axon to rebuild the case from its events
    }

    @CommandHandler
    Case(SubmitReport c, StaffPseudonyms pseudonyms, DueDates dueDates) {
        apply(ReportSubmitted.of(c.caseId(), c.followUpKey(), c.report(), c.organisation()));
        if (c.onBehalf() != null) {
            var by = c.onBehalf();
            apply(new ReportRecordedOnBehalf(
                    c.caseId(), by.channel(), by.recordedBy(), by.centre(), by.recorderMayBeContacted()));
        }
        if (c.language() != null && !c.language().equals("en")) { // English unless it says otherwise
            apply(new ReportMadeInLanguage(c.caseId(), c.language()));
        }
        ApplyMore last = apply(new ReportRoutedToTeam(c.caseId(), c.intakeTeam(), c.organisation()));
        for (String staff :
                c.namedStaff().stream().map(pseudonyms::of).distinct().toList()) {
            last = apply(new StaffMemberNamed(c.caseId(), staff, NAMED_BY_REPORTER));
        }
        last.andThenApply(() -> dueForTriage(dueDates));
    }

    /** A case from an earlier incident log: closed, with no personal data, counted in trends by its reported month. */
    @CommandHandler
    Case(ImportHistoricalCase c) {
        apply(HistoricalCaseImported.of(c.caseId(), c.incident(), c.importedBy(), c.organisation()));
    }

    /** The receiving organisation's case for a referral: only what was shared, in its intake team. */
    @CommandHandler
    Case(OpenReferredCase c, DueDates dueDates) {
        var referral = c.referral();
        apply(new ReferralReceived(
                c.caseId(),
                c.reference(),
                referral.from(),
                referral.referralId(),
                referral.type(),
                referral.category(),
                referral.occurredOn(),
                referral.locationType(),
                referral.motivations(),
                referral.sharedNarrative(),
                referral.to(),
                referral.sharedNotes()));
        apply(new ReportRoutedToTeam(c.caseId(), c.intakeTeam(), referral.to()))
                .andThenApply(() -> dueForTriage(dueDates));
    }

    /** Once the report is applied: a new case's events reach its fields only after its constructor returns. */
    private DeadlinesSet dueForTriage(DueDates dueDates) {
        return new DeadlinesSet(
                caseId, dueDates.triageDue(organisation, countedFrom), null, null, DeadlineBasis.RECEIPT);
    }

    /**
     * A copy for sharing: the narrative and the chosen notes with passages masked. The original is
     * unchanged and the copy is logged with who made it and why. Only a case's own report is
     * copied: an imported incident or a referral received is shared by whoever holds the report.
     */
    @CommandHandler
    void handle(RedactForSharing c, CaseTexts texts) {
        refuseIf(erased, RuleViolation.CASE_ERASED);
        refuseIf(redactions.contains(c.redactionId()), "A redacted copy with that id already exists");
        refuseIf(!notes.containsAll(c.noteIds()), "The case has no note with that id");
        var report = texts.report(caseId)
                .filter(r -> r.narrative() != null)
                .orElseThrow(() -> new RuleViolation("This case holds no report of its own to share"));
        String narrative = Redaction.mask(report.narrative(), c.hide());
        int masked = Redaction.masked(report.narrative(), narrative);
        var written = texts.notes(caseId);
        var maskedNotes = new ArrayList<String>();
        for (String noteId : c.noteIds()) {
            String note = Redaction.mask(written.get(noteId), c.hide());
            masked += Redaction.masked(written.get(noteId), note);
            maskedNotes.add(note);
        }
        apply(new RedactionMade(caseId, c.redactionId(), narrative, maskedNotes, masked, c.reason(), c.madeBy()));
    }

    /**
     * Shares the report with another organisation: on the reporter's consent, or on a lawful basis
     * only a case manager confirms; once to each; never an erased case or one with no report (an
     * imported incident, a referral received: those are shared by whoever holds the report). It
     * shares a redacted copy, or without one only the report's categories.
     */
    @CommandHandler
    void handle(ReferCase c, MetaData metaData, Partnership partnership, CaseTexts texts) {
        refuseIf(erased, RuleViolation.CASE_ERASED);
        String ours = partnership.organisationOf(organisation);
        refuseIf(c.to().equals(ours), "A case is referred to another organisation of the partnership, not its own");
        refuseIf(referredTo.contains(c.to()), "The case has already been referred to that organisation");
        refuseIf(
                c.basis() == ReferralBasis.CONSENT && !consentToShare,
                "The reporter has not consented to their report being shared; share it only on a lawful basis"
                        + " a case manager confirms");
        refuseIf(
                c.basis() == ReferralBasis.LAWFUL_BASIS && !Acting.of(metaData).managesCases(),
                "Only a case manager confirms a lawful basis for sharing without the reporter's consent");
        refuseIf(
                c.redactionId() != null && !redactions.contains(c.redactionId()),
                "The case has no redacted copy with that id");
        var report = texts.report(caseId)
                .filter(r -> r.narrative() != null)
                .orElseThrow(() -> new RuleViolation("This case holds no report of its own to share"));
        var copy = c.redactionId() == null ? Optional.<RedactionMade>empty() : texts.redaction(caseId, c.redactionId());
        apply(new CaseReferred(
                caseId,
                c.referralId(),
                ours,
                c.to(),
                c.basis(),
                c.basis() == ReferralBasis.LAWFUL_BASIS ? c.lawfulBasis() : null,
                report.type(),
                report.category(),
                report.occurredOn(),
                report.locationType(),
                report.motivations(),
                copy.map(RedactionMade::narrative).orElse(null),
                copy.map(RedactionMade::maskedCharacters).orElse(0),
                c.referredBy(),
                c.redactionId(),
                copy.map(RedactionMade::notes).orElse(List.of())));
    }

    /** What the police recorded, on a case reported to them or referred to them; recorded again when it changes. */
    @CommandHandler
    void handle(RecordPoliceReport c) {
        refuseIf(erased, RuleViolation.CASE_ERASED);
        apply(new PoliceReportRecorded(caseId, c.crimeReference(), c.classification(), c.recordedBy()));
    }

    /** Once, from the reporter; the answers go elsewhere, named by no case (see {@link ReturnMonitoring}). */
    @CommandHandler
    ReturnMonitoring.Reported handle(ReturnMonitoring c, Partnership partnership) {
        refuseIf(erased, RuleViolation.CASE_ERASED);
        refuseIf(referral, NO_REPORTER);
        refuseIf(monitoringReturned, "You have already answered the equality monitoring questions for this report");
        apply(new MonitoringReturned(caseId));
        return new ReturnMonitoring.Reported(partnership.organisationOf(organisation), type);
    }

    /** The reporter's own choice, at any time: withdrawn, nothing more is shared on their consent. */
    @CommandHandler
    void handle(ChangeConsentToShare c) {
        refuseIf(erased, RuleViolation.CASE_ERASED);
        refuseIf(referral, NO_REPORTER);
        refuseIf(
                c.consent() == consentToShare,
                c.consent()
                        ? "You have already agreed to your report being shared"
                        : "Your report is not shared on your consent");
        apply(new ConsentToShareChanged(caseId, c.consent()));
    }

    /**
     * Need to know ({@link NeedToKnow}, the rule the query-service applies too: nobody works on
     * another organisation's case), and nobody works on a case they are excluded from (named in the
     * report, or conflicted). A data protection officer acts on their own organisation's cases only.
     * The reporter reaches their case through their receipt, checked before the command is sent.
     */
    @CommandHandlerInterceptor
    void onlyForThoseWorkingOnIt(CommandMessage<?> command, StaffPseudonyms pseudonyms, Partnership partnership) {
        Object payload = command.getPayload();
        Acting who = Acting.of(command.getMetaData());
        String ours = partnership.organisationOf(organisation);
        Staff staff = who == null ? null : who.staff(partnership);
        boolean dataProtection = payload instanceof ErasePersonalData
                || payload instanceof PlaceLegalHold
                || payload instanceof LiftLegalHold
                || payload instanceof LiftExclusion;
        // a reporter's message comes through their receipt, an escalation from the deadlines themselves
        boolean allowed = payload instanceof ReceiveMessageFromReporter
                || payload instanceof AttachEvidence file && file.byReporter() && who == null
                || payload instanceof LodgeAppeal appeal && appeal.byReporter() && who == null
                || payload instanceof AnswerCheckIn && who == null
                || payload instanceof ChangeConsentToShare && who == null
                || payload instanceof ReturnMonitoring && who == null
                || payload instanceof SendCheckIn
                || payload instanceof EscalateCase
                || payload instanceof RemindActionOwner
                || (dataProtection
                        ? staff != null && who.erasesData() && NeedToKnow.sameOrganisation(staff, ours)
                        : mayWorkOnIt(staff, ours, pseudonyms))
                || payload instanceof CompleteAction done && ownsAction(staff, done.actionId(), ours, pseudonyms);
        if (!allowed) {
            throw new CaseNotFound(caseId.value());
        }
    }

    /** An action's owner completes it whether or not they work on the rest of the case. */
    private boolean ownsAction(Staff who, String actionId, String ours, StaffPseudonyms pseudonyms) {
        return who != null
                && actions.containsKey(actionId)
                && who.id().equals(actions.get(actionId).owner())
                && NeedToKnow.sameOrganisation(who, ours)
                && !conflicted.contains(who.id())
                && !named.contains(pseudonyms.of(who.id()));
    }

    private boolean mayWorkOnIt(Staff who, String ours, StaffPseudonyms pseudonyms) {
        if (who == null || conflicted.contains(who.id()) || named.contains(pseudonyms.of(who.id()))) {
            return false;
        }
        return NeedToKnow.worksOn(who, ours, team, assignee, appealHearer);
    }

    /**
     * Sets the deadlines for the risk, counted from the receipt (from the reopening, for a reopened
     * case) unless the triager chose dates; triaging again recounts them. Answers the dates set.
     */
    @CommandHandler
    DeadlinesSet handle(TriageCase c, Areas areas, DueDates dueDates) {
        refuseIf(
                stage == Stage.RESOLVED || stage == Stage.CLOSED || stage == Stage.APPEALED,
                "A resolved, appealed or closed case cannot be triaged; reopen it first");
        refuseIf(
                c.area() != null && !areas.allows(organisation, type, c.area()),
                "That area is not one of the areas for this type of report");
        LocalDate firstContact = c.firstContactDue() != null
                ? c.firstContactDue()
                : dueDates.firstContactDue(organisation, c.risk(), countedFrom);
        LocalDate resolution = c.resolutionDue() != null
                ? c.resolutionDue()
                : dueDates.resolutionDue(organisation, c.risk(), countedFrom);
        refuseIf(
                resolution.isBefore(firstContact),
                "The resolution date must not be before the first-contact date (" + firstContact + ")");
        apply(new CaseTriaged(
                caseId,
                c.category(),
                c.characteristics(),
                c.strands(),
                c.risk(),
                c.route(),
                null,
                null,
                c.triagedBy(),
                c.area()));
        var deadlines = new DeadlinesSet(caseId, null, firstContact, resolution, DeadlineBasis.TRIAGE);
        apply(deadlines);
        return deadlines;
    }

    /**
     * Records a missed deadline, or a case gone quiet, once: nothing if it was met, moved, or already
     * escalated, or if it is not yet past ({@code today} is the council's day when it was found).
     * Answers whether it escalated.
     */
    @CommandHandler
    boolean handle(EscalateCase c) {
        if (erased
                || stage == Stage.CLOSED
                || !c.due().isBefore(c.today())
                || escalated.contains(escalationKey(c.reason(), c.due(), c.actionId()))) {
            return false;
        }
        boolean missed = switch (c.reason()) {
            case TRIAGE_OVERDUE -> stage == Stage.SUBMITTED && c.due().equals(triageDue);
            case FIRST_CONTACT_OVERDUE ->
                stage == Stage.TRIAGED && !contacted && c.due().equals(firstContactDue);
            case RESOLUTION_OVERDUE -> stage == Stage.TRIAGED && c.due().equals(resolutionDue);
            case ACTION_OVERDUE ->
                actions.containsKey(c.actionId())
                        && c.due().equals(actions.get(c.actionId()).due())
                        && !actions.get(c.actionId()).done();
            // the sweep knows when the case last moved; escalated only while it is worked on
            case NO_ACTIVITY -> stage == Stage.SUBMITTED || stage == Stage.TRIAGED;
        };
        if (missed) {
            apply(new CaseEscalated(caseId, c.reason(), c.due(), c.actionId(), team, c.caseManagers()));
        }
        return missed;
    }

    /** Reminds an action's owner on the day it is due, once; nothing if it is done, moved or the case closed. */
    @CommandHandler
    boolean handle(RemindActionOwner c) {
        AgreedAction action = actions.get(c.actionId());
        if (erased
                || stage == Stage.CLOSED
                || action == null
                || action.done()
                || !c.today().equals(action.due())
                || escalated.contains(reminderKey(c.actionId(), action.due()))) {
            return false;
        }
        apply(new ActionFallsDue(caseId, c.actionId(), action.due()));
        return true;
    }

    /** A reminder's place among the escalations: one notice per action and due day. */
    private static String reminderKey(String actionId, LocalDate due) {
        return "DUE_TODAY/" + due + "/" + actionId;
    }

    private static String escalationKey(EscalationReason reason, LocalDate due, String actionId) {
        return reason + "/" + due + (actionId == null ? "" : "/" + actionId);
    }

    @CommandHandler
    void handle(AssignCaseworker c, MetaData metaData, StaffPseudonyms pseudonyms) {
        refuseIfClosed();
        refuseIf(
                !c.team().equals(Acting.of(metaData).team()),
                "A case manager assigns cases only within their own team");
        refuseIf(
                named.contains(pseudonyms.of(c.caseworker())),
                "That caseworker is named in this case and cannot be assigned to it");
        refuseIf(
                conflicted.contains(c.caseworker()),
                "That caseworker has a declared conflict of interest in this case and cannot be assigned to it");
        refuseIf(c.caseworker().equals(assignee), "The case is already assigned to that caseworker");
        refuseIf(
                !c.known(),
                "Haven knows no caseworker of that team with that staff id: choose someone who has signed in to Haven");
        if (assignee == null) {
            apply(new CaseworkerAssigned(caseId, c.caseworker(), c.team(), c.assignedBy()));
        } else {
            apply(new CaseReassigned(caseId, assignee, c.caseworker(), c.team(), c.reason(), c.assignedBy()));
        }
    }

    /** Exclusion is not a weapon: a caseworker can keep only themselves off a case, not their managers. */
    @CommandHandler
    void handle(DeclareConflictOfInterest c, MetaData metaData) {
        refuseIfClosed();
        Acting who = Acting.of(metaData);
        refuseIf(
                !who.managesCases() && !who.id().equals(c.caseworker()),
                "A caseworker can declare only their own conflict of interest; ask a case manager to record anyone else's");
        refuseIf(conflicted.contains(c.caseworker()), "A conflict of interest is already recorded for that caseworker");
        apply(new ConflictOfInterestDeclared(caseId, c.caseworker(), c.reason(), c.declaredBy()));
    }

    @CommandHandler
    void handle(NameStaffMember c, MetaData metaData, StaffPseudonyms pseudonyms) {
        refuseIfClosed();
        refuseIf(
                !Acting.of(metaData).managesCases(),
                "Only a case manager can name staff in a case after the report; tell your case manager");
        String staff = pseudonyms.of(c.staffId());
        refuseIf(named.contains(staff), "That member of staff is already named in this case");
        apply(new StaffMemberNamed(caseId, staff, c.namedBy()));
    }

    /** The data protection officer's remedy for a wrong exclusion; the event keeps who lifted it and why. */
    @CommandHandler
    void handle(LiftExclusion c, StaffPseudonyms pseudonyms) {
        refuseIf(erased, "The case's personal data is erased; there is no one left to let back in");
        String staff = pseudonyms.of(c.staffId());
        refuseIf(
                !named.contains(staff)
                        && conflicted.stream().noneMatch(id -> pseudonyms.of(id).equals(staff)),
                "That member of staff is not excluded from this case");
        apply(new ExclusionLifted(caseId, staff, c.reason(), c.liftedBy()));
    }

    @CommandHandler
    void handle(AddInvestigationNote c) {
        refuseIfClosed();
        apply(new InvestigationNoteAdded(caseId, c.noteId(), c.text(), c.author()));
    }

    @CommandHandler
    void handle(AgreeAction c) {
        refuseIfClosed();
        refuseIf(actions.containsKey(c.actionId()), "An action with that id already exists");
        apply(new ActionAgreed(caseId, c.actionId(), c.description(), c.owner(), c.due(), c.agreedBy()));
    }

    @CommandHandler
    void handle(CompleteAction c) {
        refuseIfClosed();
        refuseIf(!actions.containsKey(c.actionId()), "The case has no action with that id");
        refuseIf(actions.get(c.actionId()).done(), "That action is already completed");
        apply(new ActionCompleted(
                caseId, c.actionId(), c.completedBy(), actions.get(c.actionId()).owner()));
    }

    /**
     * A meeting or hearing on an open case; an appeal hearing only while an appeal is open. The
     * reporter's companion (colleague or trade union representative, or nobody) is recorded with it.
     */
    @CommandHandler
    void handle(ScheduleMeeting c) {
        refuseIfClosed();
        refuseIf(meetings.containsKey(c.meetingId()), "A meeting with that id already exists");
        refuseIf(
                (c.kind() == MeetingKind.APPEAL_HEARING) != (stage == Stage.APPEALED),
                stage == Stage.APPEALED
                        ? "While the case is under appeal, only its appeal hearing is held"
                        : "An appeal hearing is held only while an appeal is open");
        apply(new MeetingScheduled(
                caseId,
                c.meetingId(),
                c.kind(),
                c.startsAt(),
                c.place(),
                c.attendees(),
                c.companion(),
                c.scheduledBy()));
    }

    @CommandHandler
    void handle(AdjournMeeting c) {
        refuseIfClosed();
        refuseIf(!meetings.containsKey(c.meetingId()), "The case has no meeting with that id");
        refuseIf(meetings.get(c.meetingId()).held(), "That meeting has been held: its notes are recorded");
        apply(new MeetingAdjourned(caseId, c.meetingId(), c.reason(), c.resumesAt(), c.adjournedBy()));
    }

    @CommandHandler
    void handle(RecordMeetingNotes c) {
        refuseIfClosed();
        refuseIf(!meetings.containsKey(c.meetingId()), "The case has no meeting with that id");
        refuseIf(meetings.get(c.meetingId()).held(), "That meeting's notes are already recorded");
        refuseIf(c.share() && referral, NO_REPORTER);
        apply(new MeetingNotesRecorded(caseId, c.meetingId(), c.notes(), c.recordedBy()));
        if (c.share()) {
            apply(new MeetingNotesShared(caseId, c.meetingId(), c.recordedBy()));
        }
    }

    /** Also after closure: the reporter may ask for the notes of a hearing later. */
    @CommandHandler
    void handle(ShareMeetingNotes c) {
        refuseIf(erased, RuleViolation.CASE_ERASED);
        refuseIf(referral, NO_REPORTER);
        refuseIf(!meetings.containsKey(c.meetingId()), "The case has no meeting with that id");
        refuseIf(!meetings.get(c.meetingId()).held(), "That meeting's notes are not recorded yet");
        refuseIf(meetings.get(c.meetingId()).shared(), "That meeting's notes are already shared with the reporter");
        apply(new MeetingNotesShared(caseId, c.meetingId(), c.sharedBy()));
    }

    @CommandHandler
    void handle(RecordRespondent c) {
        refuseIfClosed();
        refuseIf(respondents.containsKey(c.respondentId()), "A respondent with that id already exists");
        apply(new RespondentRecorded(caseId, c.respondentId(), c.name(), c.role(), c.relationship(), c.recordedBy()));
    }

    /** Each step once; a referral to the disciplinary process only once they were told of the complaint. */
    @CommandHandler
    void handle(TakeRespondentStep c) {
        refuseIfClosed();
        refuseIf(!respondents.containsKey(c.respondentId()), "The case has no respondent with that id");
        Set<RespondentStep> taken = respondents.get(c.respondentId());
        refuseIf(taken.contains(c.step()), "That step is already recorded for this respondent");
        refuseIf(
                c.step() == RespondentStep.REFERRED_TO_DISCIPLINARY && !taken.contains(RespondentStep.INFORMED),
                "A respondent is informed of the complaint before any referral to the disciplinary process");
        apply(new RespondentStepTaken(caseId, c.respondentId(), c.step(), c.takenBy()));
    }

    /**
     * A letter, sent as a message that tells the reporter it is there (so it is their contact, and a
     * named reporter who chose email is told): an outcome letter only once there is an outcome, an
     * appeal outcome only once the appeal is decided, an invitation only to a meeting arranged.
     */
    @CommandHandler
    void handle(SendLetter c) {
        refuseIfClosed();
        refuseIf(referral, NO_REPORTER);
        refuseIf(
                c.kind() == LetterKind.OUTCOME && stage != Stage.RESOLVED,
                "An outcome letter is sent once the case is resolved");
        refuseIf(
                c.kind() == LetterKind.APPEAL_OUTCOME && !appealDecided,
                "An appeal outcome letter is sent once the appeal is decided");
        refuseIf(
                c.kind() == LetterKind.MEETING_INVITATION && meetings.isEmpty(),
                "Arrange the meeting before inviting the reporter to it");
        apply(new LetterSent(caseId, c.letterId(), c.kind(), c.text(), c.sentBy()));
        apply(new MessageToReporterSent(caseId, c.letterId(), LETTER_MESSAGE, c.sentBy()));
    }

    /**
     * Once after each closure, when it falls due, to a case that is still closed and has a reporter:
     * "has anything happened since?", as a message (named reporters who chose email are told). Answers
     * whether it was sent.
     */
    @CommandHandler
    boolean handle(SendCheckIn c) {
        if (erased
                || referral
                || stage != Stage.CLOSED
                || checkInSent
                || c.due().isAfter(c.today())) {
            return false;
        }
        apply(new CheckInSent(caseId, c.due()));
        apply(new MessageToReporterSent(caseId, "check-in-" + c.due(), CHECK_IN_MESSAGE, HAVEN));
        return true;
    }

    /**
     * The reporter's answer, once; being treated badly for reporting reopens a closed case, with new
     * deadlines, in the team that had it.
     */
    @CommandHandler
    void handle(AnswerCheckIn c, DueDates dueDates) {
        refuseIf(erased, RuleViolation.CASE_ERASED);
        refuseIf(!checkInSent || checkInAnswered, "There is no check-in waiting for your answer");
        apply(new CheckInAnswered(caseId, c.victimised(), c.details()));
        if (c.victimised() && stage == Stage.CLOSED) {
            reopen(VICTIMISATION, NAMED_BY_REPORTER, c.answeredAt(), dueDates);
        }
    }

    @CommandHandler
    void handle(SendMessageToReporter c) {
        refuseIfClosed();
        refuseIf(referral, NO_REPORTER);
        apply(new MessageToReporterSent(caseId, c.messageId(), c.text(), c.sender()));
    }

    /** Allowed on a closed case: a reporter who writes after closure puts it back in its team's queue until read. */
    @CommandHandler
    void handle(MarkReporterMessagesRead c) {
        refuseIf(erased, RuleViolation.CASE_ERASED);
        refuseIf(!unreadFromReporter, "There is no unread message from the reporter");
        apply(new ReporterMessagesRead(caseId, c.readBy()));
    }

    /** Accepted after closure (a reporter writing then is how most appeals begin), never after erasure. */
    @CommandHandler
    void handle(ReceiveMessageFromReporter c) {
        refuseIf(erased, RuleViolation.CASE_ERASED);
        apply(new MessageFromReporterReceived(caseId, c.messageId(), c.text()));
    }

    /**
     * Staff add evidence to an open case; a reporter also after closure (new evidence is how a closed
     * case is looked at again), which puts the case back in its team's queue like a message would.
     */
    @CommandHandler
    void handle(AttachEvidence c) {
        if (c.byReporter()) {
            refuseIf(erased, RuleViolation.CASE_ERASED);
        } else {
            refuseIfClosed();
        }
        apply(new EvidenceAttached(caseId, c.fileId(), c.fileName(), c.contentType(), c.size(), c.addedBy()));
    }

    @CommandHandler
    void handle(ResolveCase c) {
        refuseIf(stage == Stage.SUBMITTED, "A case must be triaged before it can be resolved");
        refuseIf(stage == Stage.APPEALED, "The case is under appeal: its hearer decides the appeal");
        refuseIf(stage == Stage.RESOLVED || stage == Stage.CLOSED, "The case is already resolved");
        apply(new CaseResolved(caseId, c.outcome(), c.summary(), c.appealDeadline(), c.resolvedBy()));
    }

    @CommandHandler
    void handle(CloseCase c) {
        refuseIfClosed();
        refuseIf(stage == Stage.APPEALED, "The case is under appeal: it is closed once the appeal is decided");
        refuseIf(stage != Stage.RESOLVED, "A case must be resolved before it can be closed");
        apply(new CaseClosed(caseId, c.closedBy()));
    }

    /**
     * The reporter appeals the written outcome within its window, once; the appeal is heard apart
     * from the case's work ({@link AppointAppealHearer}, {@link DecideAppeal}) and its outcome is
     * final. New evidence after the window is a reopening instead.
     */
    @CommandHandler
    void handle(LodgeAppeal c) {
        refuseIf(erased, RuleViolation.CASE_ERASED);
        refuseIf(appealDecided, "The appeal has been decided; its outcome is final");
        refuseIf(appealLodged, "An appeal against this outcome has already been lodged");
        refuseIf(
                (stage != Stage.RESOLVED && stage != Stage.CLOSED) || appealDeadline == null,
                "There is no outcome to appeal yet");
        refuseIf(
                c.lodgedAt().isAfter(appealDeadline),
                "The appeal window for this case ended on " + dayOf(appealDeadline)
                        + "; a case manager can reopen it if there is new evidence");
        apply(new AppealLodged(caseId, c.grounds(), c.lodgedBy()));
    }

    /**
     * Someone who took no part in the decision hears the appeal: never whoever resolved the case or
     * investigated it, nor anyone kept off it, and only a case manager Haven knows.
     */
    @CommandHandler
    void handle(AppointAppealHearer c, MetaData metaData, StaffPseudonyms pseudonyms) {
        refuseIf(erased, RuleViolation.CASE_ERASED);
        refuseIf(stage != Stage.APPEALED, "There is no appeal waiting to be heard");
        refuseIf(!Acting.of(metaData).managesCases(), "Only a case manager appoints who hears an appeal");
        refuseIf(c.hearer().equals(resolvedBy), "The person who decided the case cannot hear its appeal");
        refuseIf(c.hearer().equals(assignee), "The caseworker who investigated the case cannot hear its appeal");
        refuseIf(
                conflicted.contains(c.hearer()) || named.contains(pseudonyms.of(c.hearer())),
                "That manager is kept off this case (named in it, or a declared conflict) and cannot hear its appeal");
        refuseIf(c.hearer().equals(appealHearer), "That manager already hears the appeal");
        refuseIf(
                !c.known(),
                "Haven knows no case manager of your organisation with that staff id: choose someone who has"
                        + " signed in to Haven");
        apply(new AppealHearerAppointed(caseId, c.hearer(), c.appointedBy()));
    }

    @CommandHandler
    void handle(DecideAppeal c) {
        refuseIf(erased, RuleViolation.CASE_ERASED);
        refuseIf(stage != Stage.APPEALED, "There is no appeal waiting to be decided");
        refuseIf(appealHearer == null, "Appoint a case manager to hear the appeal first");
        refuseIf(!c.decidedBy().equals(appealHearer), "Only the manager appointed to hear the appeal decides it");
        apply(new AppealDecided(caseId, c.outcome(), c.reasons(), c.decidedBy()));
    }

    /**
     * New evidence: a case manager looks at a resolved or closed case again, at any time (an appeal
     * has its window; this does not), and says why. Its deadlines are counted from the reopening.
     */
    @CommandHandler
    void handle(ReopenCase c, MetaData metaData, DueDates dueDates) {
        refuseIf(erased, RuleViolation.CASE_ERASED);
        refuseIf(stage == Stage.APPEALED, "The case is under appeal: its hearer decides the appeal");
        refuseIf(stage != Stage.RESOLVED && stage != Stage.CLOSED, "Only a resolved or closed case can be reopened");
        refuseIf(!Acting.of(metaData).managesCases(), "Only a case manager reopens a case for new evidence");
        reopen(c.reason(), c.reopenedBy(), c.reopenedAt(), dueDates);
    }

    /** Open again, its deadlines counted from the day it was reopened. */
    private void reopen(String reason, String by, Instant at, DueDates dueDates) {
        apply(new CaseReopened(caseId, reason, by));
        LocalDate reopenedOn = dueDates.dayOf(at);
        apply(new DeadlinesSet(
                caseId,
                null,
                dueDates.firstContactDue(organisation, risk, reopenedOn),
                dueDates.resolutionDue(organisation, risk, reopenedOn),
                DeadlineBasis.REOPENING));
    }

    /**
     * Repeatable, so that an erasure interrupted before its keys were destroyed can be finished. A
     * case left with no activity for the retention period is closed by the same command, whatever
     * stage it stopped at, so that it never lingers half open without its details.
     */
    @CommandHandler
    void handle(ErasePersonalData c) {
        // an abandoned case, and every case of an organisation leaving, is closed as it is erased
        boolean closesIt = c.reason() == ErasureReason.NO_ACTIVITY_FOR_RETENTION_PERIOD
                || c.reason() == ErasureReason.ORGANISATION_LEFT;
        refuseIf(stage != Stage.CLOSED && !closesIt, "Personal data is erased only from a closed case");
        refuseIf(
                onLegalHold && !erased,
                "The case is under legal hold; its personal data is kept until the hold is lifted");
        if (!erased) {
            if (stage != Stage.CLOSED) {
                apply(new CaseClosed(caseId, c.erasedBy()));
            }
            apply(new PersonalDataErased(caseId, c.reason(), c.erasedBy()));
        }
    }

    @CommandHandler
    void handle(PlaceLegalHold c) {
        refuseIf(erased, "The case's personal data is already erased; there is nothing left to hold");
        refuseIf(onLegalHold, "The case is already under legal hold");
        apply(new LegalHoldPlaced(caseId, c.reason(), c.placedBy()));
    }

    @CommandHandler
    void handle(LiftLegalHold c) {
        refuseIf(!onLegalHold, "The case is not under legal hold");
        apply(new LegalHoldLifted(caseId, c.liftedBy()));
    }

    @EventSourcingHandler
    void on(PersonalDataErased e) {
        erased = true;
    }

    @EventSourcingHandler
    void on(LegalHoldPlaced e) {
        onLegalHold = true;
    }

    @EventSourcingHandler
    void on(LegalHoldLifted e) {
        onLegalHold = false;
    }

    /**
     * Its organisation's; a case reported before partnerships is the founder's, in the team its type
     * goes to now (until routed or assigned).
     */
    @EventSourcingHandler
    void on(ReportSubmitted e, @Timestamp Instant at, Partnership partnership, DueDates dueDates) {
        caseId = e.caseId();
        countedFrom = dueDates.dayOf(at);
        stage = Stage.SUBMITTED;
        type = e.type();
        consentToShare = e.consentToShare();
        organisation = partnership.organisationOf(e.organisation());
        team = partnership
                .organisation(organisation)
                .orElse(partnership.founder())
                .intakeTeam(e.type());
    }

    @EventSourcingHandler
    void on(HistoricalCaseImported e, Partnership partnership) {
        caseId = e.caseId();
        organisation = partnership.organisationOf(e.organisation());
        stage = Stage.CLOSED;
        type = e.type();
    }

    @EventSourcingHandler
    void on(ReferralReceived e, @Timestamp Instant at, DueDates dueDates) {
        countedFrom = dueDates.dayOf(at);
        referral = true;
        caseId = e.caseId();
        stage = Stage.SUBMITTED;
        type = e.type();
        organisation = e.organisation();
    }

    @EventSourcingHandler
    void on(CaseReferred e) {
        referredTo.add(e.to());
    }

    @EventSourcingHandler
    void on(InvestigationNoteAdded e) {
        notes.add(e.noteId());
    }

    @EventSourcingHandler
    void on(RedactionMade e) {
        redactions.add(e.redactionId());
    }

    @EventSourcingHandler
    void on(MonitoringReturned e) {
        monitoringReturned = true;
    }

    @EventSourcingHandler
    void on(ReportRoutedToTeam e, Partnership partnership) {
        team = e.team();
        organisation = partnership.organisationOf(e.organisation());
    }

    @EventSourcingHandler
    void on(CaseTriaged e) {
        stage = Stage.TRIAGED;
        risk = e.risk();
        if (e.resolutionDue() != null) {
            // triaged before deadlines were counted from receipt: its dates came with the triage
            onDeadlines(null, e.firstContactDue(), e.resolutionDue());
        }
    }

    @EventSourcingHandler
    void on(DeadlinesSet e) {
        onDeadlines(e.triageDue(), e.firstContactDue(), e.resolutionDue());
    }

    private void onDeadlines(LocalDate triage, LocalDate firstContact, LocalDate resolution) {
        triageDue = triage;
        firstContactDue = firstContact;
        resolutionDue = resolution;
    }

    @EventSourcingHandler
    void on(CaseEscalated e) {
        escalated.add(escalationKey(e.reason(), e.due(), e.actionId()));
    }

    @EventSourcingHandler
    void on(ActionFallsDue e) {
        escalated.add(reminderKey(e.actionId(), e.due()));
    }

    @EventSourcingHandler
    void on(MessageToReporterSent e) {
        contacted = true;
        unreadFromReporter = false;
    }

    @EventSourcingHandler
    void on(MessageFromReporterReceived e) {
        unreadFromReporter = true;
    }

    @EventSourcingHandler
    void on(EvidenceAttached e) {
        unreadFromReporter |= e.byReporter();
    }

    @EventSourcingHandler
    void on(ReporterMessagesRead e) {
        unreadFromReporter = false;
    }

    @EventSourcingHandler
    void on(CaseworkerAssigned e) {
        assignee = e.caseworker();
        team = e.team();
    }

    @EventSourcingHandler
    void on(CaseReassigned e) {
        assignee = e.toCaseworker();
        team = e.team();
    }

    @EventSourcingHandler
    void on(ConflictOfInterestDeclared e) {
        conflicted.add(e.caseworker());
        if (e.caseworker().equals(assignee)) {
            assignee = null;
        }
        if (e.caseworker().equals(appealHearer)) {
            appealHearer = null;
        }
    }

    @EventSourcingHandler
    void on(ExclusionLifted e, StaffPseudonyms pseudonyms) {
        named.remove(e.staffPseudonym());
        conflicted.removeIf(id -> pseudonyms.of(id).equals(e.staffPseudonym()));
    }

    @EventSourcingHandler
    void on(StaffMemberNamed e, StaffPseudonyms pseudonyms) {
        named.add(e.staffPseudonym());
        if (assignee != null && pseudonyms.of(assignee).equals(e.staffPseudonym())) {
            assignee = null;
        }
        if (appealHearer != null && pseudonyms.of(appealHearer).equals(e.staffPseudonym())) {
            appealHearer = null;
        }
    }

    @EventSourcingHandler
    void on(ConsentToShareChanged e) {
        consentToShare = e.consent();
    }

    @EventSourcingHandler
    void on(CheckInSent e) {
        checkInSent = true;
        checkInAnswered = false;
    }

    @EventSourcingHandler
    void on(CheckInAnswered e) {
        checkInAnswered = true;
    }

    @EventSourcingHandler
    void on(RespondentRecorded e) {
        respondents.put(e.respondentId(), new HashSet<>());
    }

    @EventSourcingHandler
    void on(RespondentStepTaken e) {
        respondents.computeIfAbsent(e.respondentId(), id -> new HashSet<>()).add(e.step());
    }

    @EventSourcingHandler
    void on(MeetingScheduled e) {
        meetings.put(e.meetingId(), new Meeting(false, false));
    }

    @EventSourcingHandler
    void on(MeetingNotesRecorded e) {
        meetings.put(e.meetingId(), new Meeting(true, false));
    }

    @EventSourcingHandler
    void on(MeetingNotesShared e) {
        meetings.put(e.meetingId(), new Meeting(true, true));
    }

    @EventSourcingHandler
    void on(ActionAgreed e) {
        actions.put(e.actionId(), new AgreedAction(e.owner(), e.due(), false));
    }

    @EventSourcingHandler
    void on(ActionCompleted e) {
        actions.computeIfPresent(e.actionId(), (id, agreed) -> new AgreedAction(agreed.owner(), agreed.due(), true));
    }

    @EventSourcingHandler
    void on(CaseResolved e) {
        stage = Stage.RESOLVED;
        appealDeadline = e.appealDeadline();
        resolvedBy = e.resolvedBy();
        appealLodged = false; // a new outcome may be appealed in its own right
        appealDecided = false;
        appealHearer = null;
    }

    @EventSourcingHandler
    void on(AppealLodged e) {
        stage = Stage.APPEALED;
        appealLodged = true;
    }

    @EventSourcingHandler
    void on(AppealHearerAppointed e) {
        appealHearer = e.hearer();
    }

    /** The outcome stands as the appeal decided it, for good; the case is resolved, to be closed. */
    @EventSourcingHandler
    void on(AppealDecided e) {
        stage = Stage.RESOLVED;
        appealDecided = true;
    }

    @EventSourcingHandler
    void on(CaseClosed e) {
        stage = Stage.CLOSED;
        checkInSent = false; // each closure has its own check-in
    }

    @EventSourcingHandler
    void on(CaseReopened e, @Timestamp Instant at, DueDates dueDates) {
        stage = Stage.TRIAGED;
        appealDeadline = null;
        countedFrom = dueDates.dayOf(at);
        contacted = false;
    }

    private static LocalDate dayOf(Instant at) {
        return at.atZone(ZoneId.of("Europe/London")).toLocalDate();
    }

    private void refuseIfClosed() {
        refuseIf(erased, RuleViolation.CASE_ERASED);
        refuseIf(
                stage == Stage.CLOSED,
                "A closed case cannot be changed; a case manager can reopen it for new evidence");
    }

    private static void refuseIf(boolean refused, String rule) {
        if (refused) {
            throw new RuleViolation(rule);
        }
    }
}
