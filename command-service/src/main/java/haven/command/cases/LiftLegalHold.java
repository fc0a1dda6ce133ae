package haven.command.cases;

import haven.events.CaseId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record LiftLegalHold(@TargetAggregateIdentifier CaseId caseId, String liftedBy) {}
