package haven.events;

import org.axonframework.serialization.Revision;

/** The meeting's notes were shared with the reporter, who reads them on their follow-up page. */
@Revision("1")
public record MeetingNotesShared(CaseId caseId, String meetingId, String sharedBy) {}
