package haven.command.cases;

import haven.events.AppealOutcome;
import haven.events.CaseId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DecideAppeal(
        @TargetAggregateIdentifier CaseId caseId, AppealOutcome outcome, String reasons, String decidedBy) {}
