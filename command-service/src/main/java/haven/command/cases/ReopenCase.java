package haven.command.cases;

import haven.events.CaseId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ReopenCase(
        @TargetAggregateIdentifier CaseId caseId, String reason, Instant reopenedAt, String reopenedBy) {}
