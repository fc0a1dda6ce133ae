package haven.query.caseload;

import com.fasterxml.jackson.annotation.JsonProperty;
import haven.events.Category;
import haven.events.EscalationReason;
import haven.events.Outcome;
import haven.events.ReportType;
import haven.events.RiskLevel;
import haven.events.Route;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A case as its caseload row and detail page show it. {@code nextDue} is the triage date until it is
 * triaged, then the first-contact date until the reporter has been contacted, then the resolution
 * date; none once resolved. {@code escalations}: the missed deadlines not yet dealt with.
 * {@code unreadMessage}: the reporter has written and nobody has replied or marked it read. Holds no
 * personal data.
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
        LocalDate triageDue,
        LocalDate firstContactDue,
        LocalDate resolutionDue,
        LocalDate nextDue,
        boolean overdue,
        long daysOpen,
        Outcome outcome,
        Instant appealDeadline,
        Instant closedAt,
        List<EscalationReason> escalations,
        boolean unreadMessage) {

    @JsonProperty
    public boolean escalated() {
        return !escalations.isEmpty();
    }
}
