package haven.command.cases;

import haven.events.CaseId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Names a member of staff in the case, which excludes them from it. */
public record NameStaffMember(@TargetAggregateIdentifier CaseId caseId, String staffId, String namedBy) {}
