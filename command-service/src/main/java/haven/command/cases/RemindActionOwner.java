package haven.command.cases;

import haven.events.CaseId;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An action found due on {@code today}, the council's day: its owner is to be reminded. */
public record RemindActionOwner(@TargetAggregateIdentifier CaseId caseId, String actionId, LocalDate today) {}
