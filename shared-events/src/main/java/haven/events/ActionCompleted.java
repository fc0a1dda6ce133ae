package haven.events;

import org.axonframework.serialization.Revision;

/**
 * An agreed action was done, and whose it was: the owner's list of actions loses it. Events of
 * revision 1 name no owner (null). No personal data.
 */
@Revision("2")
public record ActionCompleted(CaseId caseId, String actionId, String completedBy, String owner) {}
