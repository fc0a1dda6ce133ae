package haven.events;

import org.axonframework.serialization.Revision;

/** What was said at the meeting, recorded once it was held. Personal data: {@code notes}. */
@Revision("1")
public record MeetingNotesRecorded(
        CaseId caseId, String meetingId, @PersonalData String notes, String recordedBy) {}
