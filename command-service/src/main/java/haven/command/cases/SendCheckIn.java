package haven.command.cases;

import haven.events.CaseId;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** From the sweep: the check-in due on {@code due}, found on {@code today}. */
public record SendCheckIn(@TargetAggregateIdentifier CaseId caseId, LocalDate due, LocalDate today) {}
