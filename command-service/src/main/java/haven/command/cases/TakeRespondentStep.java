package haven.command.cases;

import haven.events.CaseId;
import haven.events.RespondentStep;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record TakeRespondentStep(
        @TargetAggregateIdentifier CaseId caseId, String respondentId, RespondentStep step, String takenBy) {}
