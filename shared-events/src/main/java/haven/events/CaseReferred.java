package haven.events;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.axonframework.serialization.Revision;

/**
 * A case was referred to another organisation of the partnership: to whom, on what basis, by whom,
 * and exactly what was shared: the report's categories and, when a redacted copy was chosen
 * ({@code redactionId}, {@link RedactionMade}), its masked narrative and notes ({@code
 * maskedCharacters} hidden; the original is unchanged). Without one only the categories are shared.
 * The receiving organisation gets a linked case of its own ({@link ReferralReceived}); neither side
 * sees the other's case, only the fact of the link. Personal data: {@code lawfulBasis}, {@code
 * sharedNarrative}, {@code sharedNotes}.
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
        String referredBy,
        String redactionId,
        @PersonalData List<String> sharedNotes) {}
