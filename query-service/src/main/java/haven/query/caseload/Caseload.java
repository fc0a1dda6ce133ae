package haven.query.caseload;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import haven.events.ReportType;
import haven.events.RiskLevel;
import haven.infra.security.Staff;
import haven.query.access.AccessLog.View;
import haven.query.web.InvalidParameter;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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

    public enum Sort {
        /** soonest next due date first; cases with nothing due last */
        DUE(Comparator.comparing(CaseView::nextDue, Comparator.nullsLast(Comparator.naturalOrder()))),
        /** longest open first */
        AGE(Comparator.comparing(CaseView::openedAt, Comparator.nullsLast(Comparator.naturalOrder()))),
        /** highest risk first, cases not yet triaged last, then soonest due */
        RISK(Comparator.comparing(CaseView::risk, Comparator.nullsFirst(Comparator.<RiskLevel>naturalOrder()))
                .reversed()
                .thenComparing(DUE.order));

        private final Comparator<CaseView> order;

        Sort(Comparator<CaseView> order) {
            this.order = order;
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

    /** Open cases only; a closed case is found by its id. Filters combine; the page is cut after sorting. */
    public CaseloadPage caseload(
            CaseStatus status,
            String assignee,
            String team,
            ReportType type,
            RiskLevel risk,
            Boolean overdue,
            Sort sort,
            int page,
            int size,
            Staff staff) {
        if (status == CaseStatus.CLOSED) {
            throw new InvalidParameter("status", "closed cases are not in the caseload; open a closed case by its id");
        }
        var filters = new ArrayList<Bson>(List.of(access.visibleTo(staff)));
        if (status != null) {
            filters.add(eq(CaseFile.STATUS, status.name()));
        }
        addIfPresent(filters, CaseFile.ASSIGNEE, assignee);
        addIfPresent(filters, CaseFile.TEAM, team);
        addIfPresent(filters, CaseFile.TYPE, type == null ? null : type.name());
        addIfPresent(filters, CaseFile.RISK, risk == null ? null : risk.name());
        LocalDate today = LocalDate.now(clock);
        var rows = views.live().openCases().find(and(filters)).into(new ArrayList<>()).stream()
                .map(row -> view(CaseFile.of(row), today))
                .filter(row -> overdue == null || row.overdue() == overdue)
                .sorted(sort.order.thenComparing(CaseView::caseId))
                .toList();
        var shown = rows.stream().skip((long) page * size).limit(size).toList();
        return new CaseloadPage(shown, page, size, rows.size(), views.rebuilding());
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
                file.firstContactDue(),
                file.resolutionDue(),
                nextDue,
                nextDue != null && nextDue.isBefore(today),
                Math.max(0, daysOpen),
                file.outcome(),
                file.appealDeadline(),
                file.closedAt());
    }
}
