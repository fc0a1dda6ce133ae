package haven.events;

import org.axonframework.serialization.Revision;

/** A case manager who did not decide the case, and has no conflict in it, will hear its appeal. */
@Revision("1")
public record AppealHearerAppointed(CaseId caseId, String hearer, String appointedBy) {}
