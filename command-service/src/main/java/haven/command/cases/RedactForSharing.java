package haven.command.cases;

import haven.events.CaseId;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Make a copy of the case for sharing: its narrative and the notes {@code noteIds}, with every
 * passage in {@code hide} masked, and {@code reason} saying why it is masked so.
 */
public record RedactForSharing(
        @TargetAggregateIdentifier CaseId caseId,
        String redactionId,
        List<String> hide,
        List<String> noteIds,
        String reason,
        String madeBy) {}
