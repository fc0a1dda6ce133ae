package haven.events;

import java.time.LocalDateTime;
import org.axonframework.serialization.Revision;

/** The meeting was adjourned, to {@code resumesAt} if a time was set. Personal data: {@code reason}. */
@Revision("1")
public record MeetingAdjourned(
        CaseId caseId, String meetingId, @PersonalData String reason, LocalDateTime resumesAt, String adjournedBy) {}
