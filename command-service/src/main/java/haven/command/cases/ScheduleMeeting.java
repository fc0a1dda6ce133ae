package haven.command.cases;

import haven.events.CaseId;
import haven.events.Companion;
import haven.events.MeetingKind;
import java.time.LocalDateTime;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ScheduleMeeting(
        @TargetAggregateIdentifier CaseId caseId,
        String meetingId,
        MeetingKind kind,
        LocalDateTime startsAt,
        String place,
        List<String> attendees,
        Companion companion,
        String scheduledBy) {}
