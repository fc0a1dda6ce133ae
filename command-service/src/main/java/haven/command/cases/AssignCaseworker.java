package haven.command.cases;

import haven.events.CaseId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AssignCaseworker(
        @TargetAggregateIdentifier CaseId caseId, String caseworker, String team, String reason, String assignedBy) {}
