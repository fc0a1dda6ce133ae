package haven.events;

import org.axonframework.serialization.Revision;

/** The appeal's own, final outcome, decided by its hearer. Personal data: {@code reasons}. */
@Revision("1")
public record AppealDecided(
        CaseId caseId, AppealOutcome outcome, @PersonalData String reasons, String decidedBy) {}
