package haven.command.cases;

import haven.events.CaseId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code known}: the caseworker has signed in to Haven as a member of that team, as its directory says. */
public record AssignCaseworker(
        @TargetAggregateIdentifier CaseId caseId,
        String caseworker,
        String team,
        String reason,
        String assignedBy,
        boolean known) {}
