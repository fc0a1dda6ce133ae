package haven.events;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.axonframework.serialization.Revision;

/**
 * A case opened for a referral from another organisation of the partnership ({@code from}): it
 * holds only what was shared ({@link CaseReferred}), belongs to {@code organisation} and is sealed
 * under its key. It has no reporter to follow it up (they follow up with the organisation they
 * told) and is not counted again in the trends. Personal data: {@code narrative}, {@code notes}.
 */
@Revision("1")
public record ReferralReceived(
        CaseId caseId,
        String reference,
        String from,
        String referralId,
        ReportType type,
        Category category,
        LocalDate occurredOn,
        LocationType locationType,
        Set<Motivation> motivations,
        @PersonalData String narrative,
        String organisation,
        @PersonalData List<String> notes) {}
