package haven.command.cases;

import haven.events.CaseId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ReceiveMessageFromReporter(
        @TargetAggregateIdentifier CaseId caseId, String messageId, String text) {}
