package haven.query.caseload;

import haven.events.Category;
import haven.events.Outcome;
import haven.events.ReportType;
import haven.events.RiskLevel;
import haven.events.Route;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A case as its caseload row and detail page show it. {@code nextDue} is the first-contact date
 * until the reporter has been contacted, then the resolution date; none once resolved.
 * Holds no personal data.
 */
public record CaseView(
        String caseId,
        String reference,
        ReportType type,
        Category category,
        CaseStatus status,
        RiskLevel risk,
        Route route,
        String assignee,
        String team,
        Instant openedAt,
        LocalDate firstContactDue,
        LocalDate resolutionDue,
        LocalDate nextDue,
        boolean overdue,
        long daysOpen,
        Outcome outcome,
        Instant appealDeadline,
        Instant closedAt) {}
