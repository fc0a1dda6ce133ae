package haven.query.caseload;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import haven.events.Outcome;
import haven.events.ReportType;
import haven.events.RiskLevel;
import haven.infra.security.NeedToKnow;
import haven.infra.security.Staff;
import haven.query.access.AccessLog.View;
import haven.query.web.InvalidParameter;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * The caseload view read: a member of staff's open cases, filtered, sorted and cut into pages, and
 * one case by its id; only what need to know allows ({@link CaseAccess}). The API and the
 * caseworkers' pages both ask here, so both answer the same, after the same checks.
 */
@Component
public class Caseload {

    /** {@code rebuilding}: the caseload is being rebuilt from the events; until it is done, this is the caseload from before it began. */
    public record CaseloadPage(List<CaseView> cases, int page, int size, long total, boolean rebuilding) {}

    /** Escalated cases come first whatever the order, then each order's own. */
    public enum Sort {
        /** soonest next due date first (a new report's triage date until it is triaged); nothing due last */
        DUE(Comparator.comparing(CaseView::nextDue, Comparator.nullsLast(Comparator.naturalOrder()))),
        /** longest open first */
        AGE(Comparator.comparing(CaseView::openedAt, Comparator.nullsLast(Comparator.naturalOrder()))),
        /** cases not yet triaged first (their risk is unknown until someone looks), then highest risk, then soonest due */
        RISK(Comparator.comparing(CaseView::risk, Comparator.nullsLast(Comparator.<RiskLevel>naturalOrder()))
                .reversed()
                .thenComparing(DUE.order));

        private final Comparator<CaseView> order;

        Sort(Comparator<CaseView> order) {
            this.order =
                    Comparator.comparing((CaseView view) -> !view.escalated()).thenComparing(order);
        }
    }

    private final CaseAccess access;
    private final CaseViews views;
    private final Clock clock;

    Caseload(CaseViews views, CaseAccess access, Clock clock) {
        this.access = access;
        this.views = views;
        this.clock = clock;
    }

    /** What a caseload is narrowed to; a null is no filter. */
    public record Filter(
            CaseStatus status,
            String assignee,
            String team,
            ReportType type,
            RiskLevel risk,
            Boolean overdue,
            Boolean unread) {

        public static final Filter NONE = new Filter(null, null, null, null, null, null, null);
    }

    /**
     * Open cases, and closed ones the reporter has written to since (until someone reads it); a
     * closed case is otherwise listed by the month it closed. Filters combine; the page is cut after
     * sorting.
     */
    public CaseloadPage caseload(Filter filter, Sort sort, int page, int size, Staff staff) {
        if (filter.status() == CaseStatus.CLOSED) {
            throw new InvalidParameter(
                    "status", "closed cases are not in the caseload; list them by the month they closed");
        }
        var filters = new ArrayList<Bson>(List.of(access.visibleTo(staff)));
        if (filter.status() != null) {
            filters.add(eq(CaseFile.STATUS, filter.status().name()));
        }
        addIfPresent(filters, CaseFile.ASSIGNEE, filter.assignee());
        addIfPresent(filters, CaseFile.TEAM, filter.team());
        addIfPresent(
                filters,
                CaseFile.TYPE,
                filter.type() == null ? null : filter.type().name());
        addIfPresent(
                filters,
                CaseFile.RISK,
                filter.risk() == null ? null : filter.risk().name());
        LocalDate today = LocalDate.now(clock);
        var rows = views.live().openCases().find(and(filters)).into(new ArrayList<>()).stream()
                .map(row -> view(CaseFile.of(row), today))
                .filter(row -> filter.overdue() == null || row.overdue() == filter.overdue())
                .filter(row -> filter.unread() == null || row.unreadMessage() == filter.unread())
                .sorted(sort.order.thenComparing(CaseView::caseId))
                .toList();
        var shown = rows.stream().skip((long) page * size).limit(size).toList();
        return new CaseloadPage(shown, page, size, rows.size(), views.rebuilding());
    }

    /**
     * The case with this reference if this member of staff may see it; otherwise none, the same
     * answer as for a reference that does not exist. One key lookup for the reference, one for the case.
     */
    public List<CaseView> withReference(String reference, Staff staff) {
        return views.withReference(reference)
                .filter(file -> access.mayList(staff, file))
                .map(file -> List.of(view(file, LocalDate.now(clock))))
                .orElse(List.of());
    }

    /**
     * The organisation's cases closed in a month that this member of staff may see, latest closed
     * first: the month's list by key, then its cases by key.
     */
    public List<CaseView> closedIn(YearMonth month, ReportType type, Outcome outcome, Staff staff) {
        var live = views.live();
        Document closed = live.closedByMonth()
                .find(eq("_id", CaseFile.closedMonthKey(staff.organisation(), month)))
                .first();
        List<String> ids = closed == null ? List.of() : closed.getList("cases", String.class, List.of());
        LocalDate today = LocalDate.now(clock);
        return live.caseFiles().find(in(CaseFile.ID, ids)).into(new ArrayList<>()).stream()
                .map(CaseFile::of)
                .filter(file -> file.status() == CaseStatus.CLOSED && access.mayList(staff, file))
                .filter(file -> type == null || file.type() == type)
                .filter(file -> outcome == null || file.outcome() == outcome)
                .map(file -> view(file, today))
                .sorted(Comparator.comparing(CaseView::closedAt).reversed().thenComparing(CaseView::caseId))
                .toList();
    }

    /**
     * The id of the case with this reference in the officer's organisation, for the data protection
     * officer's forms; nothing for a malformed reference or another organisation's case.
     */
    public Optional<String> idOfReference(String reference, Staff officer) {
        return views.withReference(reference)
                .filter(file -> NeedToKnow.sameOrganisation(officer, access.organisationOf(file)))
                .map(CaseFile::caseId);
    }

    public CaseView find(String caseId, Staff staff) {
        return view(access.caseFile(caseId, staff, View.CASE_FILE), LocalDate.now(clock));
    }

    private static void addIfPresent(List<Bson> filters, String field, String value) {
        if (value != null && !value.isBlank()) {
            filters.add(eq(field, value));
        }
    }

    private CaseView view(CaseFile file, LocalDate today) {
        LocalDate nextDue = file.nextDue();
        LocalDate end = file.closedAt() == null ? today : LocalDate.ofInstant(file.closedAt(), clock.getZone());
        long daysOpen = file.openedAt() == null
                ? 0
                : ChronoUnit.DAYS.between(LocalDate.ofInstant(file.openedAt(), clock.getZone()), end);
        return new CaseView(
                file.caseId(),
                file.reference(),
                file.type(),
                file.category(),
                file.status(),
                file.risk(),
                file.route(),
                file.assignee(),
                file.team(),
                file.openedAt(),
                file.triageDue(),
                file.firstContactDue(),
                file.resolutionDue(),
                nextDue,
                nextDue != null && nextDue.isBefore(today),
                Math.max(0, daysOpen),
                file.outcome(),
                file.appealDeadline(),
                file.closedAt(),
                file.escalations(),
                file.unreadMessage());
    }
}
