package haven.events;

import org.axonframework.serialization.Revision;

/**
 * The data protection officer found that a member of staff was kept out of the case wrongly (named
 * or declared conflicted to keep them away) and let them back: they may see and work on it again
 * as their role allows. Recorded by pseudonym, as the naming was. Personal data: {@code reason}.
 */
@Revision("1")
public record ExclusionLifted(
        CaseId caseId, String staffPseudonym, @PersonalData String reason, String liftedBy) {}
