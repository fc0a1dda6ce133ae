package haven.query.caseload;

import com.mongodb.client.MongoCollection;
import haven.events.CaseClosed;
import haven.events.CaseId;
import haven.events.CaseReassigned;
import haven.events.CaseReopened;
import haven.events.CaseResolved;
import haven.events.CaseTriaged;
import haven.events.CaseworkerAssigned;
import haven.events.Category;
import haven.events.ConflictOfInterestDeclared;
import haven.events.ExclusionLifted;
import haven.events.MessageToReporterSent;
import haven.events.ReferralReceived;
import haven.events.ReportRoutedToTeam;
import haven.events.ReportSubmitted;
import haven.events.ReportType;
import haven.events.StaffMemberNamed;
import haven.infra.council.Partnership;
import haven.infra.privacy.StaffPseudonyms;
import haven.query.views.BatchWrites;
import java.time.Instant;
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

    CaseloadProjection(CaseViews views, StaffPseudonyms pseudonyms, Partnership partnership) {
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
    }

    /** A partner's referral: a case of the receiving organisation's own, in its intake team. */
    @EventHandler
    void on(ReferralReceived e, @Timestamp Instant at) {
        update(
                e.caseId(),
                row -> opened(row, e.reference(), e.type(), e.category(), at)
                        .append(CaseFile.ORGANISATION, e.organisation()));
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
        update(
                e.caseId(),
                row -> row.append(CaseFile.STATUS, CaseStatus.TRIAGED.name())
                        .append(CaseFile.CATEGORY, e.category().name())
                        .append(CaseFile.RISK, e.risk().name())
                        .append(CaseFile.ROUTE, e.route().name())
                        .append(CaseFile.FIRST_CONTACT_DUE, e.firstContactDue().toString())
                        .append(CaseFile.RESOLUTION_DUE, e.resolutionDue().toString()));
    }

    @EventHandler
    void on(CaseworkerAssigned e) {
        update(e.caseId(), row -> row.append(CaseFile.ASSIGNEE, e.caseworker()).append(CaseFile.TEAM, e.team()));
    }

    @EventHandler
    void on(CaseReassigned e) {
        update(
                e.caseId(),
                row -> row.append(CaseFile.ASSIGNEE, e.toCaseworker()).append(CaseFile.TEAM, e.team()));
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
        update(e.caseId(), row -> row.put(CaseFile.FIRST_CONTACT_MADE, true));
    }

    @EventHandler
    void on(CaseResolved e) {
        update(
                e.caseId(),
                row -> row.append(CaseFile.STATUS, CaseStatus.RESOLVED.name())
                        .append(CaseFile.OUTCOME, e.outcome().name())
                        .append(CaseFile.APPEAL_DEADLINE, Date.from(e.appealDeadline())));
    }

    @EventHandler
    void on(CaseClosed e, @Timestamp Instant at) {
        update(
                e.caseId(),
                row -> row.append(CaseFile.STATUS, CaseStatus.CLOSED.name()).append(CaseFile.CLOSED_AT, Date.from(at)));
    }

    @EventHandler
    void on(CaseReopened e) {
        update(e.caseId(), row -> {
            row.put(CaseFile.STATUS, CaseStatus.REOPENED.name());
            List.of(CaseFile.OUTCOME, CaseFile.APPEAL_DEADLINE, CaseFile.CLOSED_AT)
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
    }

    /** Changes the case's row as this batch has left it; the open caseload keeps a copy until the case closes. */
    private void update(CaseId caseId, Consumer<Document> change) {
        var batch = BatchWrites.current();
        var writing = views.writing();
        var caseFiles = writing.caseFiles();
        var openCases = writing.openCases();
        Document row = batch.row(caseFiles, caseId.value(), DomainEventMessage::getAggregateIdentifier);
        row = row == null ? new Document(CaseFile.ID, caseId.value()) : row;
        change.accept(row);
        batch.save(caseFiles, row);
        if (CaseStatus.CLOSED.name().equals(row.getString(CaseFile.STATUS))) {
            batch.delete(openCases, caseId.value());
        } else {
            batch.save(openCases, row);
        }
    }
}
