package haven.events;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A deadline of the case passed unmet ({@code due}: the day it was due; for {@code NO_ACTIVITY} the day
 * the case's quiet period ended), or it went quiet; once for each. {@code actionId} names the action for
 * {@code ACTION_OVERDUE}. {@code caseManagers} are the case managers of its team the escalation goes to
 * (none known yet: the team's queue). No personal data.
 */
@Revision("1")
public record CaseEscalated(
        CaseId caseId,
        EscalationReason reason,
        LocalDate due,
        String actionId,
        String team,
        List<String> caseManagers) {}
