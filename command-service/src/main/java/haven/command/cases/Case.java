package haven.command.cases;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import haven.events.ActionAgreed;
import haven.events.ActionCompleted;
import haven.events.CaseClosed;
import haven.events.CaseId;
import haven.events.CaseReassigned;
import haven.events.CaseReferred;
import haven.events.CaseReopened;
import haven.events.CaseResolved;
import haven.events.CaseTriaged;
import haven.events.CaseworkerAssigned;
import haven.events.ConflictOfInterestDeclared;
import haven.events.ErasureReason;
import haven.events.ExclusionLifted;
import haven.events.HistoricalCaseImported;
import haven.events.InvestigationNoteAdded;
import haven.events.LegalHoldLifted;
import haven.events.LegalHoldPlaced;
import haven.events.MessageFromReporterReceived;
import haven.events.MessageToReporterSent;
import haven.events.PersonalDataErased;
import haven.events.ReferralBasis;
import haven.events.ReferralReceived;
import haven.events.ReportRoutedToTeam;
import haven.events.ReportSubmitted;
import haven.events.ReportType;
import haven.events.StaffMemberNamed;
import haven.infra.council.Areas;
import haven.infra.council.Partnership;
import haven.infra.privacy.StaffPseudonyms;
import haven.infra.security.NeedToKnow;
import haven.infra.security.Staff;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A report and everything done about it. Holds only what its rules need. Snapshots serialise
 * its fields directly (it has no getters to expose).
 */
@Aggregate(snapshotTriggerDefinition = "caseSnapshotTrigger")
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
class Case {

    private enum Stage {
        SUBMITTED,
        TRIAGED,
        RESOLVED,
        CLOSED
    }

    static final String NAMED_BY_REPORTER = "reporter";

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

    private final Map<String, Boolean> actionDone = new HashMap<>();
    private Instant appealDeadline;
    private boolean erased;
    private boolean onLegalHold;
    /** Whether the reporter consented to their report being shared. */
    private boolean consentToShare;
    /** The organisations it has been referred to. */
    private final Set<String> referredTo = new HashSet<>();
    /** A case opened for another partner's referral: it has no reporter of its own. */
    private boolean referral;

    Case() {
        // for Axon to rebuild the case from its events
    }

    @CommandHandler
    Case(SubmitReport c, StaffPseudonyms pseudonyms) {
        apply(ReportSubmitted.of(c.caseId(), c.followUpKey(), c.report(), c.organisation()));
        apply(new ReportRoutedToTeam(c.caseId(), c.intakeTeam(), c.organisation()));
        c.namedStaff().stream()
                .map(pseudonyms::of)
                .distinct()
                .forEach(staff -> apply(new StaffMemberNamed(c.caseId(), staff, NAMED_BY_REPORTER)));
    }

    /** A case from an earlier incident log: closed, with no personal data, counted in trends by its reported month. */
    @CommandHandler
    Case(ImportHistoricalCase c) {
        apply(HistoricalCaseImported.of(c.caseId(), c.incident(), c.importedBy(), c.organisation()));
    }

    /** The receiving organisation's case for a referral: only what was shared, in its intake team. */
    @CommandHandler
    Case(OpenReferredCase c) {
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
                referral.to()));
        apply(new ReportRoutedToTeam(c.caseId(), c.intakeTeam(), referral.to()));
    }

    /**
     * Shares the report with another organisation: on the reporter's consent, or on a lawful basis
     * only a case manager confirms; once to each; never an erased case or one with no report (an
     * imported incident, a referral received: those are shared by whoever holds the report).
     */
    @CommandHandler
    void handle(ReferCase c, MetaData metaData, Partnership partnership, OriginalReports originals) {
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
        var report = originals
                .of(caseId)
                .filter(r -> r.narrative() != null)
                .orElseThrow(() -> new RuleViolation("This case holds no report of its own to share"));
        String shared = Redaction.mask(report.narrative(), c.hide());
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
                shared,
                Redaction.masked(report.narrative(), shared),
                c.referredBy()));
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
        boolean allowed = payload instanceof ReceiveMessageFromReporter
                || (dataProtection
                        ? staff != null && who.erasesData() && NeedToKnow.sameOrganisation(staff, ours)
                        : mayWorkOnIt(staff, ours, pseudonyms));
        if (!allowed) {
            throw new CaseNotFound(caseId.value());
        }
    }

    private boolean mayWorkOnIt(Staff who, String ours, StaffPseudonyms pseudonyms) {
        if (who == null || conflicted.contains(who.id()) || named.contains(pseudonyms.of(who.id()))) {
            return false;
        }
        return NeedToKnow.worksOn(who, ours, team, assignee);
    }

    @CommandHandler
    void handle(TriageCase c, Areas areas) {
        refuseIf(
                stage == Stage.RESOLVED || stage == Stage.CLOSED,
                "A resolved or closed case cannot be triaged; reopen it first");
        refuseIf(
                c.area() != null && !areas.allows(organisation, type, c.area()),
                "That area is not one of the areas for this type of report");
        apply(new CaseTriaged(
                caseId,
                c.category(),
                c.characteristics(),
                c.strands(),
                c.risk(),
                c.route(),
                c.firstContactDue(),
                c.resolutionDue(),
                c.triagedBy(),
                c.area()));
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
        refuseIf(actionDone.containsKey(c.actionId()), "An action with that id already exists");
        apply(new ActionAgreed(caseId, c.actionId(), c.description(), c.owner(), c.due(), c.agreedBy()));
    }

    @CommandHandler
    void handle(CompleteAction c) {
        refuseIfClosed();
        refuseIf(!actionDone.containsKey(c.actionId()), "The case has no action with that id");
        refuseIf(actionDone.get(c.actionId()), "That action is already completed");
        apply(new ActionCompleted(caseId, c.actionId(), c.completedBy()));
    }

    @CommandHandler
    void handle(SendMessageToReporter c) {
        refuseIfClosed();
        refuseIf(
                referral,
                "A referral has no reporter to write to: the organisation that referred it is in touch with them");
        apply(new MessageToReporterSent(caseId, c.messageId(), c.text(), c.sender()));
    }

    /** Accepted after closure (a reporter writing then is how most appeals begin), never after erasure. */
    @CommandHandler
    void handle(ReceiveMessageFromReporter c) {
        refuseIf(erased, RuleViolation.CASE_ERASED);
        apply(new MessageFromReporterReceived(caseId, c.messageId(), c.text()));
    }

    @CommandHandler
    void handle(ResolveCase c) {
        refuseIf(stage == Stage.SUBMITTED, "A case must be triaged before it can be resolved");
        refuseIf(stage == Stage.RESOLVED || stage == Stage.CLOSED, "The case is already resolved");
        apply(new CaseResolved(caseId, c.outcome(), c.summary(), c.appealDeadline(), c.resolvedBy()));
    }

    @CommandHandler
    void handle(CloseCase c) {
        refuseIfClosed();
        refuseIf(stage != Stage.RESOLVED, "A case must be resolved before it can be closed");
        apply(new CaseClosed(caseId, c.closedBy()));
    }

    @CommandHandler
    void handle(ReopenCase c) {
        refuseIf(erased, RuleViolation.CASE_ERASED);
        refuseIf(stage != Stage.RESOLVED && stage != Stage.CLOSED, "Only a resolved or closed case can be reopened");
        refuseIf(
                c.reopenedAt().isAfter(appealDeadline),
                "The appeal window for this case ended on "
                        + appealDeadline.atZone(ZoneId.of("Europe/London")).toLocalDate());
        apply(new CaseReopened(caseId, c.reason(), c.reopenedBy()));
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
    void on(ReportSubmitted e, Partnership partnership) {
        caseId = e.caseId();
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
    void on(ReferralReceived e) {
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
    void on(ReportRoutedToTeam e, Partnership partnership) {
        team = e.team();
        organisation = partnership.organisationOf(e.organisation());
    }

    @EventSourcingHandler
    void on(CaseTriaged e) {
        stage = Stage.TRIAGED;
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
    }

    @EventSourcingHandler
    void on(ActionAgreed e) {
        actionDone.put(e.actionId(), false);
    }

    @EventSourcingHandler
    void on(ActionCompleted e) {
        actionDone.put(e.actionId(), true);
    }

    @EventSourcingHandler
    void on(CaseResolved e) {
        stage = Stage.RESOLVED;
        appealDeadline = e.appealDeadline();
    }

    @EventSourcingHandler
    void on(CaseClosed e) {
        stage = Stage.CLOSED;
    }

    @EventSourcingHandler
    void on(CaseReopened e) {
        stage = Stage.TRIAGED;
        appealDeadline = null;
    }

    private void refuseIfClosed() {
        refuseIf(erased, RuleViolation.CASE_ERASED);
        refuseIf(stage == Stage.CLOSED, "A closed case cannot be changed; reopen it on appeal first");
    }

    private static void refuseIf(boolean refused, String rule) {
        if (refused) {
            throw new RuleViolation(rule);
        }
    }
}
