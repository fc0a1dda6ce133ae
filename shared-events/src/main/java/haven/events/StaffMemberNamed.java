package haven.events;

import org.axonframework.serialization.Revision;

/**
 * A member of staff is named in the case (by the reporter or later by those working on it) and is
 * excluded from it from now on: they cannot see it, work on it or be assigned to it. They are
 * recorded by pseudonym only, so the store does not say who was named.
 */
@Revision("1")
public record StaffMemberNamed(CaseId caseId, String staffPseudonym, String namedBy) {}
