package haven.command.cases;

import haven.events.CaseId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CompleteAction(@TargetAggregateIdentifier CaseId caseId, String actionId, String completedBy) {}
