package haven.events;

import org.axonframework.serialization.Revision;

/** The respondent was informed, interviewed, or referred to the disciplinary process. */
@Revision("1")
public record RespondentStepTaken(CaseId caseId, String respondentId, RespondentStep step, String takenBy) {}
