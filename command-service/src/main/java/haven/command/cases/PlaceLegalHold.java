package haven.command.cases;

import haven.events.CaseId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record PlaceLegalHold(@TargetAggregateIdentifier CaseId caseId, String reason, String placedBy) {}
