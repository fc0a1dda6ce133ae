package haven.events;

import org.axonframework.serialization.Revision;

/**
 * The outcome of the case is appealed, within the appeal window: by the reporter ({@code lodgedBy}
 * null), or by a member of staff for them. Personal data: {@code grounds}.
 */
@Revision("1")
public record AppealLodged(CaseId caseId, @PersonalData String grounds, String lodgedBy) {

    public boolean byReporter() {
        return lodgedBy == null;
    }
}
