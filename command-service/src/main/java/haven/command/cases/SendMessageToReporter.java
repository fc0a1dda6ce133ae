package haven.command.cases;

import haven.events.CaseId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record SendMessageToReporter(
        @TargetAggregateIdentifier CaseId caseId, String messageId, String text, String sender) {}
