package haven.command.cases;

import haven.events.CaseId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code known}: the hearer is a case manager of the organisation Haven knows (the controller asks the directory). */
public record AppointAppealHearer(
        @TargetAggregateIdentifier CaseId caseId, String hearer, String appointedBy, boolean known) {}
