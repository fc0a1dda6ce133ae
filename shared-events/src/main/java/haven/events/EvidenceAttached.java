package haven.events;

import org.axonframework.serialization.Revision;

/**
 * A file was added to the case: by the member of staff {@code addedBy}, or by the reporter (null),
 * through their reference and receipt. The file itself is sealed in the evidence store under
 * {@code fileId}; {@code contentType} is what its bytes were found to be. Personal data:
 * {@code fileName} (people name files after people).
 */
@Revision("1")
public record EvidenceAttached(
        CaseId caseId, String fileId, @PersonalData String fileName, String contentType, long size, String addedBy) {

    public boolean byReporter() {
        return addedBy == null;
    }
}
