package haven.events;

import org.axonframework.serialization.Revision;

/** A resolved or closed case was reopened on appeal or new evidence. Personal data: {@code reason}. */
@Revision("1")
public record CaseReopened(CaseId caseId, @PersonalData String reason, String reopenedBy) {}
