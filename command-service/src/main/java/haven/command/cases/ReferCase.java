package haven.command.cases;

import haven.events.CaseId;
import haven.events.ReferralBasis;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Refer the case to another organisation of the partnership ({@code to}), on the reporter's
 * consent or a lawful basis a case manager confirms, sharing the redacted copy {@code redactionId}
 * (or, without one, only the report's categories).
 */
public record ReferCase(
        @TargetAggregateIdentifier CaseId caseId,
        String referralId,
        String to,
        ReferralBasis basis,
        String lawfulBasis,
        String redactionId,
        String referredBy) {}
