package haven.events;

import java.time.LocalDate;
import java.util.Set;
import org.axonframework.serialization.Revision;

/**
 * A case was referred to another organisation of the partnership: to whom, on what basis, by whom,
 * and exactly what was shared: the report's categories and its narrative with passages masked
 * ({@code maskedCharacters} of them; the original is unchanged). The receiving organisation gets a
 * linked case of its own ({@link ReferralReceived}); neither side sees the other's case, only the
 * fact of the link. Personal data: {@code lawfulBasis}, {@code sharedNarrative}.
 */
@Revision("1")
public record CaseReferred(
        CaseId caseId,
        String referralId,
        String from,
        String to,
        ReferralBasis basis,
        @PersonalData String lawfulBasis,
        ReportType type,
        Category category,
        LocalDate occurredOn,
        LocationType locationType,
        Set<Motivation> motivations,
        @PersonalData String sharedNarrative,
        int maskedCharacters,
        String referredBy) {}
