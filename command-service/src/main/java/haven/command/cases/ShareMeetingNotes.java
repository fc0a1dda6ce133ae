package haven.command.cases;

import haven.events.CaseId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ShareMeetingNotes(@TargetAggregateIdentifier CaseId caseId, String meetingId, String sharedBy) {}
