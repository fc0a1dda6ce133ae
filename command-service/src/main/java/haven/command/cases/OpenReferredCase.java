package haven.command.cases;

import haven.events.CaseId;
import haven.events.CaseReferred;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Open the receiving organisation's case for a referral, in its intake team for the referral's type. */
public record OpenReferredCase(
        @TargetAggregateIdentifier CaseId caseId, String reference, CaseReferred referral, String intakeTeam) {}
