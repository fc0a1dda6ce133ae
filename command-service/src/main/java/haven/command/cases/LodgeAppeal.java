package haven.command.cases;

import haven.events.CaseId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code lodgedBy} is null when the reporter lodges it through their receipt. */
public record LodgeAppeal(@TargetAggregateIdentifier CaseId caseId, String grounds, Instant lodgedAt, String lodgedBy) {

    boolean byReporter() {
        return lodgedBy == null;
    }
}
