package haven.command.cases;

import haven.events.CaseId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AddInvestigationNote(
        @TargetAggregateIdentifier CaseId caseId, String noteId, String text, String author) {}
