package haven.events;

import org.axonframework.serialization.Revision;

/**
 * A person complained about (the respondent), with their relationship to the reporter, which trends
 * count under disclosure control. Personal data: {@code name} and {@code role} (their job or part).
 */
@Revision("1")
public record RespondentRecorded(
        CaseId caseId,
        String respondentId,
        @PersonalData String name,
        @PersonalData String role,
        RespondentRelationship relationship,
        String recordedBy) {}
