package haven.command.cases;

import haven.events.CaseId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The data protection officer undoes a wrong exclusion (a naming or a declared conflict) of one member of staff. */
public record LiftExclusion(@TargetAggregateIdentifier CaseId caseId, String staffId, String reason, String liftedBy) {}
