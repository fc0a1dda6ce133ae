package haven.command.cases;

import haven.events.CaseId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The reporter's, through their receipt. */
public record ChangeConsentToShare(
        @TargetAggregateIdentifier CaseId caseId, boolean consent) {}
