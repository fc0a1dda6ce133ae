package haven.command.cases;

import haven.events.CaseId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeclareConflictOfInterest(
        @TargetAggregateIdentifier CaseId caseId, String caseworker, String reason, String declaredBy) {}
