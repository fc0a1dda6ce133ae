package haven.command.cases;

import haven.events.CaseId;
import haven.events.ReferralBasis;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Refer the case to another organisation of the partnership ({@code to}), on the reporter's
 * consent or a lawful basis a case manager confirms, sharing its narrative with every passage in
 * {@code hide} masked.
 */
public record ReferCase(
        @TargetAggregateIdentifier CaseId caseId,
        String referralId,
        String to,
        ReferralBasis basis,
        String lawfulBasis,
        List<String> hide,
        String referredBy) {}
