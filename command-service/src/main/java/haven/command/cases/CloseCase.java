package haven.command.cases;

import haven.events.CaseId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CloseCase(@TargetAggregateIdentifier CaseId caseId, String closedBy) {}
