package haven.events;

import java.time.LocalDateTime;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A meeting or hearing on the case, at a time in the council's own time zone, in a place or by
 * video, with who attends and who accompanies the reporter. Personal data: {@code place} (an
 * address or a video link), {@code attendees}, {@code companion}.
 */
@Revision("1")
public record MeetingScheduled(
        CaseId caseId,
        String meetingId,
        MeetingKind kind,
        LocalDateTime startsAt,
        @PersonalData String place,
        @PersonalData List<String> attendees,
        @PersonalData Companion companion,
        String scheduledBy) {}
