package haven.command.cases;

import haven.events.CaseId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The notes of a meeting held; shared with the reporter at once if {@code share}. */
public record RecordMeetingNotes(
        @TargetAggregateIdentifier CaseId caseId, String meetingId, String notes, boolean share, String recordedBy) {}
