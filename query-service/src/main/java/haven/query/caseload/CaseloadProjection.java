package haven.query.caseload;

import com.mongodb.client.MongoCollection;
import haven.events.ActionAgreed;
import haven.events.ActionCompleted;
import haven.events.AppealDecided;
import haven.events.AppealHearerAppointed;
import haven.events.AppealLodged;
import haven.events.CaseClosed;
import haven.events.CaseEscalated;
import haven.events.CaseId;
import haven.events.CaseReassigned;
import haven.events.CaseReopened;
import haven.events.CaseResolved;
import haven.events.CaseTriaged;
import haven.events.CaseworkerAssigned;
import haven.events.Category;
import haven.events.ConflictOfInterestDeclared;
import haven.events.DeadlinesSet;
import haven.events.EscalationReason;
import haven.events.EvidenceAttached;
import haven.events.ExclusionLifted;
import haven.events.InvestigationNoteAdded;
import haven.events.MessageFromReporterReceived;
import haven.events.MessageToReporterSent;
import haven.events.ReferralReceived;
import haven.events.ReportRoutedToTeam;
import haven.events.ReportSubmitted;
import haven.events.ReportType;
import haven.events.ReporterMessagesRead;
import haven.events.StaffMemberNamed;
import haven.infra.council.Partnership;
import haven.infra.eventstore.BatchWrites;
import haven.infra.privacy.StaffPseudonyms;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
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

    private final CaseViews views;
    private final StaffPseudonyms pseudonyms;
    private final Partnership partnership;
    private final Clock clock;
    private final OpenCaseCounts counts;

    CaseloadProjection(
            CaseViews views, StaffPseudonyms pseudonyms, Partnership partnership, Clock clock, OpenCaseCounts counts) {
        this.clock = clock;
        this.counts = counts;
        this.partnership = partnership;
        this.views = views;
        this.pseudonyms = pseudonyms;
    }

    /** A case reported before intake routing is the founder's, in the team its type goes to there, until it is assigned. */
    @EventHandler
    void on(ReportSubmitted e, @Timestamp Instant at) {
        update(
                e.caseId(),
                row -> opened(row, e.reference(), e.type(), e.category(), at)
                        .append(CaseFile.ORGANISATION, partnership.founder().id())
                        .append(CaseFile.TEAM, partnership.founder().intakeTeam(e.type())));
        known(e.caseId(), e.reference());
    }

    /** Found by its reference with one key lookup. */
    private void known(CaseId caseId, String reference) {
        BatchWrites.current()
                .save(views.writing().references(), new Document("_id", reference).append("caseId", caseId.value()));
    }

    /** A partner's referral: a case of the receiving organisation's own, in its intake team. */
    @EventHandler
    void on(ReferralReceived e, @Timestamp Instant at) {
        update(
                e.caseId(),
                row -> opened(row, e.reference(), e.type(), e.category(), at)
                        .append(CaseFile.ORGANISATION, e.organisation()));
        known(e.caseId(), e.reference());
    }

    private static Document opened(Document row, String reference, ReportType type, Category category, Instant at) {
        return row.append(CaseFile.REFERENCE, reference)
                .append(CaseFile.TYPE, type.name())
                .append(CaseFile.CATEGORY, category.name())
                .append(CaseFile.STATUS, CaseStatus.SUBMITTED.name())
                .append(CaseFile.OPENED_AT, Date.from(at));
    }

    @EventHandler
    void on(ReportRoutedToTeam e) {
        String organisation = partnership.organisationOf(e.organisation());
        update(e.caseId(), row -> row.append(CaseFile.TEAM, e.team()).append(CaseFile.ORGANISATION, organisation));
    }

    @EventHandler
    void on(CaseTriaged e) {
        update(e.caseId(), row -> {
            row.append(CaseFile.STATUS, CaseStatus.TRIAGED.name())
                    .append(CaseFile.CATEGORY, e.category().name())
                    .append(CaseFile.RISK, e.risk().name())
                    .append(CaseFile.ROUTE, e.route().name());
            row.remove(CaseFile.TRIAGE_DUE);
            settled(row, EscalationReason.TRIAGE_OVERDUE.name(), EscalationReason.NO_ACTIVITY.name());
            if (e.resolutionDue() != null) {
                // triaged before deadlines were counted from receipt: its dates came with the triage
                dates(row, null, e.firstContactDue(), e.resolutionDue());
            }
        });
    }

    @EventHandler
    void on(DeadlinesSet e) {
        update(e.caseId(), row -> dates(row, e.triageDue(), e.firstContactDue(), e.resolutionDue()));
    }

    private static void dates(Document row, LocalDate triage, LocalDate firstContact, LocalDate resolution) {
        date(row, CaseFile.TRIAGE_DUE, triage);
        date(row, CaseFile.FIRST_CONTACT_DUE, firstContact);
        date(row, CaseFile.RESOLUTION_DUE, resolution);
    }

    private static void date(Document row, String field, LocalDate date) {
        if (date == null) {
            row.remove(field);
        } else {
            row.put(field, date.toString());
        }
    }

    /** Kept by reason, an action's with its id, so that completing one action settles only its own. */
    @EventHandler
    void on(CaseEscalated e) {
        String escalation = e.actionId() == null ? e.reason().name() : actionOverdue(e.actionId());
        update(e.caseId(), row -> {
            var escalations = new ArrayList<>(row.getList(CaseFile.ESCALATIONS, String.class, List.of()));
            if (!escalations.contains(escalation)) {
                escalations.add(escalation);
            }
            row.put(CaseFile.ESCALATIONS, escalations);
        });
    }

    /** Dealt with: these escalations leave the case. */
    private static void settled(Document row, String... dealtWith) {
        var escalations = new ArrayList<>(row.getList(CaseFile.ESCALATIONS, String.class, List.of()));
        escalations.removeAll(List.of(dealtWith));
        if (escalations.isEmpty()) {
            row.remove(CaseFile.ESCALATIONS);
        } else {
            row.put(CaseFile.ESCALATIONS, escalations);
        }
    }

    @EventHandler
    void on(InvestigationNoteAdded e) {
        update(e.caseId(), row -> settled(row, EscalationReason.NO_ACTIVITY.name()));
    }

    @EventHandler
    void on(ActionAgreed e) {
        update(e.caseId(), row -> settled(row, EscalationReason.NO_ACTIVITY.name()));
    }

    @EventHandler
    void on(ActionCompleted e) {
        update(e.caseId(), row -> settled(row, EscalationReason.NO_ACTIVITY.name(), actionOverdue(e.actionId())));
    }

    private static String actionOverdue(String actionId) {
        return EscalationReason.ACTION_OVERDUE.name() + ":" + actionId;
    }

    @EventHandler
    void on(CaseworkerAssigned e) {
        update(e.caseId(), row -> {
            row.append(CaseFile.ASSIGNEE, e.caseworker()).append(CaseFile.TEAM, e.team());
            settled(row, EscalationReason.NO_ACTIVITY.name());
        });
    }

    @EventHandler
    void on(CaseReassigned e) {
        update(e.caseId(), row -> {
            row.append(CaseFile.ASSIGNEE, e.toCaseworker()).append(CaseFile.TEAM, e.team());
            settled(row, EscalationReason.NO_ACTIVITY.name());
        });
    }

    @EventHandler
    void on(ConflictOfInterestDeclared e) {
        exclude(e.caseId(), pseudonyms.of(e.caseworker()));
    }

    @EventHandler
    void on(StaffMemberNamed e) {
        exclude(e.caseId(), e.staffPseudonym());
    }

    @EventHandler
    void on(ExclusionLifted e) {
        update(e.caseId(), row -> {
            var excluded = new ArrayList<>(row.getList(CaseFile.EXCLUDED, String.class, List.of()));
            excluded.remove(e.staffPseudonym());
            row.put(CaseFile.EXCLUDED, excluded);
        });
    }

    /** Stored by pseudonym, so the view does not say who is kept out of the case; if they held it, it is unassigned. */
    private void exclude(CaseId caseId, String pseudonym) {
        update(caseId, row -> {
            var excluded = new ArrayList<>(row.getList(CaseFile.EXCLUDED, String.class, List.of()));
            if (!excluded.contains(pseudonym)) {
                excluded.add(pseudonym);
            }
            row.put(CaseFile.EXCLUDED, excluded);
            String assignee = row.getString(CaseFile.ASSIGNEE);
            if (assignee != null && pseudonyms.of(assignee).equals(pseudonym)) {
                row.remove(CaseFile.ASSIGNEE);
            }
        });
    }

    @EventHandler
    void on(MessageToReporterSent e) {
        update(e.caseId(), row -> {
            row.put(CaseFile.FIRST_CONTACT_MADE, true);
            row.remove(CaseFile.UNREAD_MESSAGE); // a reply reads what the reporter wrote
            settled(row, EscalationReason.FIRST_CONTACT_OVERDUE.name(), EscalationReason.NO_ACTIVITY.name());
        });
    }

    /** A resolved case owes no contact or resolution any more, and waits for its appeal window quietly. */
    @EventHandler
    void on(CaseResolved e) {
        update(e.caseId(), row -> {
            row.append(CaseFile.STATUS, CaseStatus.RESOLVED.name())
                    .append(CaseFile.OUTCOME, e.outcome().name())
                    .append(CaseFile.APPEAL_DEADLINE, Date.from(e.appealDeadline()));
            settled(
                    row,
                    EscalationReason.FIRST_CONTACT_OVERDUE.name(),
                    EscalationReason.RESOLUTION_OVERDUE.name(),
                    EscalationReason.NO_ACTIVITY.name());
        });
    }

    /** Listed among its organisation's cases closed that month. */
    @EventHandler
    void on(CaseClosed e, @Timestamp Instant at) {
        update(e.caseId(), row -> {
            row.append(CaseFile.STATUS, CaseStatus.CLOSED.name()).append(CaseFile.CLOSED_AT, Date.from(at));
            closedMonths().listed(closedIn(row), e.caseId().value());
        });
    }

    /** Under appeal it is open work again, off the month it had closed in, until the appeal is decided. */
    @EventHandler
    void on(AppealLodged e) {
        update(e.caseId(), row -> {
            leaveClosedMonth(e.caseId(), row);
            row.put(CaseFile.STATUS, CaseStatus.APPEALED.name());
            row.remove(CaseFile.CLOSED_AT);
        });
    }

    /** The hearer works on the case from now on, whatever their team (and can still read it once decided). */
    @EventHandler
    void on(AppealHearerAppointed e) {
        update(e.caseId(), row -> row.put(CaseFile.APPEAL_HEARER, e.hearer()));
    }

    /** Decided for good: resolved again, to be closed; no further appeal. */
    @EventHandler
    void on(AppealDecided e) {
        update(e.caseId(), row -> {
            row.put(CaseFile.STATUS, CaseStatus.RESOLVED.name());
            row.remove(CaseFile.APPEAL_DEADLINE);
        });
    }

    /** Written to after closure: back in its team's queue until someone reads it. */
    @EventHandler
    void on(MessageFromReporterReceived e) {
        update(e.caseId(), row -> row.put(CaseFile.UNREAD_MESSAGE, true));
    }

    /** A file from the reporter wants looking at, as a message does. */
    @EventHandler
    void on(EvidenceAttached e) {
        if (e.byReporter()) {
            update(e.caseId(), row -> row.put(CaseFile.UNREAD_MESSAGE, true));
        }
    }

    @EventHandler
    void on(ReporterMessagesRead e) {
        update(e.caseId(), row -> row.remove(CaseFile.UNREAD_MESSAGE));
    }

    private void leaveClosedMonth(CaseId caseId, Document row) {
        if (row.getDate(CaseFile.CLOSED_AT) != null) {
            closedMonths().takenOff(closedIn(row), caseId.value());
        }
    }

    /** This batch's changes to the months' lists, written after its rows, one change a list. */
    private ClosedMonths closedMonths() {
        var lists = views.writing().closedByMonth();
        return BatchWrites.current().lastly(lists, () -> new ClosedMonths(lists));
    }

    private String closedIn(Document row) {
        return CaseFile.closedMonthKey(
                partnership.organisationOf(row.getString(CaseFile.ORGANISATION)),
                YearMonth.from(row.getDate(CaseFile.CLOSED_AT).toInstant().atZone(clock.getZone())));
    }

    /** Its new deadlines follow ({@link DeadlinesSet}); the reporter is owed a first contact again. */
    @EventHandler
    void on(CaseReopened e) {
        update(e.caseId(), row -> {
            leaveClosedMonth(e.caseId(), row);
            row.put(CaseFile.STATUS, CaseStatus.REOPENED.name());
            row.put(CaseFile.FIRST_CONTACT_MADE, false);
            List.of(CaseFile.OUTCOME, CaseFile.APPEAL_DEADLINE, CaseFile.CLOSED_AT, CaseFile.ESCALATIONS)
                    .forEach(row::remove);
        });
    }

    /** The case rows being written: the rebuilt ones while a rebuild runs ({@link CaseViews}). */
    MongoCollection<Document> caseFiles() {
        return views.writing().caseFiles();
    }

    @ResetHandler
    void reset() {
        views.startRebuild();
        counts.forgetWritten();
    }

    /** Changes the case's row as this batch has left it; the open caseload keeps a copy until the case closes. */
    private void update(CaseId caseId, Consumer<Document> change) {
        var batch = BatchWrites.current();
        var writing = views.writing();
        var caseFiles = writing.caseFiles();
        var openCases = writing.openCases();
        Document row = batch.row(caseFiles, caseId.value(), DomainEventMessage::getAggregateIdentifier);
        row = row == null ? new Document(CaseFile.ID, caseId.value()) : row;
        String counted = OpenCaseCounts.bucketOf(row);
        change.accept(row);
        counts.moved(writing, counted, OpenCaseCounts.bucketOf(row));
        batch.save(caseFiles, row);
        if (CaseStatus.CLOSED.name().equals(row.getString(CaseFile.STATUS))
                && !row.getBoolean(CaseFile.UNREAD_MESSAGE, false)) {
            batch.delete(openCases, caseId.value());
        } else {
            batch.save(openCases, row);
        }
    }
}
