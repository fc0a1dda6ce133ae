package haven.command.cases;

import haven.events.CaseId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The reporter's answer, through their receipt. */
public record AnswerCheckIn(
        @TargetAggregateIdentifier CaseId caseId, boolean victimised, String details, Instant answeredAt) {}
