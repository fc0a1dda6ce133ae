package haven.command.cases;

import haven.events.CaseId;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AgreeAction(
        @TargetAggregateIdentifier CaseId caseId,
        String actionId,
        String description,
        String owner,
        LocalDate due,
        String agreedBy) {}
