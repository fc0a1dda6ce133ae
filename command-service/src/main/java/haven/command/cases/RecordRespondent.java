package haven.command.cases;

import haven.events.CaseId;
import haven.events.RespondentRelationship;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RecordRespondent(
        @TargetAggregateIdentifier CaseId caseId,
        String respondentId,
        String name,
        String role,
        RespondentRelationship relationship,
        String recordedBy) {}
