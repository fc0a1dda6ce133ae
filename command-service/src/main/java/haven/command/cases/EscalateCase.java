package haven.command.cases;

import haven.events.CaseId;
import haven.events.EscalationReason;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A deadline found missed on {@code today}, to go to {@code caseManagers}; {@code actionId} for an action's. */
public record EscalateCase(
        @TargetAggregateIdentifier CaseId caseId,
        EscalationReason reason,
        LocalDate due,
        String actionId,
        List<String> caseManagers,
        LocalDate today) {}
