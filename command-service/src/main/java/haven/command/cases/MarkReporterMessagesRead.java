package haven.command.cases;

import haven.events.CaseId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record MarkReporterMessagesRead(
        @TargetAggregateIdentifier CaseId caseId, String readBy) {}
