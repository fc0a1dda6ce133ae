package haven.query.caseload;

import haven.events.Category;
import haven.events.Outcome;
import haven.events.ReportType;
import haven.events.RiskLevel;
import haven.events.Route;
import java.time.Instant;
import java.time.LocalDate;

/** A case as its caseload row and detail page show it. Holds no personal data. */
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
        Outcome outcome,
        Instant appealDeadline) {
}
