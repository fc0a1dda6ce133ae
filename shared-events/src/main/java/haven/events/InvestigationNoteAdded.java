package haven.events;

import org.axonframework.serialization.Revision;

/** A caseworker recorded something found during the investigation. Personal data: {@code text}. */
@Revision("1")
public record InvestigationNoteAdded(
        CaseId caseId, String noteId, @PersonalData String text, String author) {}
