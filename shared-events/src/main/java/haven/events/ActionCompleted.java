package haven.events;

import org.axonframework.serialization.Revision;

/** An agreed action was done. No personal data. */
@Revision("1")
public record ActionCompleted(CaseId caseId, String actionId, String completedBy) {}
