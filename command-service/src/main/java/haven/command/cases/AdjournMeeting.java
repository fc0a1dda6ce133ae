package haven.command.cases;

import haven.events.CaseId;
import java.time.LocalDateTime;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AdjournMeeting(
        @TargetAggregateIdentifier CaseId caseId,
        String meetingId,
        String reason,
        LocalDateTime resumesAt,
        String adjournedBy) {}
