package haven.events;

import org.axonframework.serialization.Revision;

/**
 * A letter to the reporter, filled from its template and edited by the caseworker; the reporter
 * reads it on their follow-up page and downloads it as a PDF. Personal data: {@code text}.
 */
@Revision("1")
public record LetterSent(
        CaseId caseId,
        String letterId,
        LetterKind kind,
        @PersonalData String text,
        String sentBy) {}
