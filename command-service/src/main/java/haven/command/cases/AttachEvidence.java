package haven.command.cases;

import haven.events.CaseId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A file already sealed in the evidence store, added to the case; {@code addedBy} is null for the reporter. */
public record AttachEvidence(
        @TargetAggregateIdentifier CaseId caseId,
        String fileId,
        String fileName,
        String contentType,
        long size,
        String addedBy) {

    boolean byReporter() {
        return addedBy == null;
    }
}
