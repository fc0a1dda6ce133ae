package haven.events;

import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A copy of the case made for sharing, with passages masked: the report's narrative and the notes
 * chosen, each hidden word or passage replaced by as many █ as it has characters. The original is
 * unchanged; this is the only text a referral may share. Logged with who made it ({@code madeBy})
 * and why. Personal data: {@code narrative}, {@code notes}, {@code reason}.
 */
@Revision("1")
public record RedactionMade(
        CaseId caseId,
        String redactionId,
        @PersonalData String narrative,
        @PersonalData List<String> notes,
        int maskedCharacters,
        @PersonalData String reason,
        String madeBy) {}
