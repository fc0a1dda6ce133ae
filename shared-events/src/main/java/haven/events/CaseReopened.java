package haven.events;

import org.axonframework.serialization.Revision;

/** A resolved or closed case was reopened by a case manager for new evidence (an appeal is its own stage). Personal data: {@code reason}. */
@Revision("1")
public record CaseReopened(CaseId caseId, @PersonalData String reason, String reopenedBy) {}
