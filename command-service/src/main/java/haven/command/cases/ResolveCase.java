package haven.command.cases;

import haven.events.CaseId;
import haven.events.Outcome;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ResolveCase(
        @TargetAggregateIdentifier CaseId caseId,
        Outcome outcome,
        String summary,
        Instant appealDeadline,
        String resolvedBy) {}
