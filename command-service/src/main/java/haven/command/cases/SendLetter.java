package haven.command.cases;

import haven.events.CaseId;
import haven.events.LetterKind;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record SendLetter(
        @TargetAggregateIdentifier CaseId caseId, String letterId, LetterKind kind, String text, String sentBy) {}
