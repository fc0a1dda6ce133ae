package haven.events;

import org.axonframework.serialization.Revision;

/** An unassigned case was given to a caseworker in a team. No personal data beyond staff ids. */
@Revision("1")
public record CaseworkerAssigned(CaseId caseId, String caseworker, String team, String assignedBy) {}
