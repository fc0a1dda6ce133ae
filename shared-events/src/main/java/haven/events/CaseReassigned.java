package haven.events;

import org.axonframework.serialization.Revision;

/** An assigned case moved to another caseworker. Personal data: {@code reason}. */
@Revision("1")
public record CaseReassigned(
        CaseId caseId,
        String fromCaseworker,
        String toCaseworker,
        String team,
        @PersonalData String reason,
        String reassignedBy) {}
