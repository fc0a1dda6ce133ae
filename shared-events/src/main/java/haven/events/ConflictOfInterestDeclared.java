package haven.events;

import org.axonframework.serialization.Revision;

/**
 * A caseworker must not work on this case; if they held it, it is now unassigned.
 * Personal data: {@code reason}.
 */
@Revision("1")
public record ConflictOfInterestDeclared(
        CaseId caseId, String caseworker, @PersonalData String reason, String declaredBy) {}
