package haven.events;

import java.time.LocalDate;
import java.util.Set;
import org.axonframework.serialization.Revision;

/**
 * A caseworker confirmed what the case is about, how risky it is, how it will be handled and
 * when it is due. No personal data.
 */
@Revision("1")
public record CaseTriaged(
        CaseId caseId,
        Category category,
        Set<ProtectedCharacteristic> characteristics,
        Set<MonitoredStrand> strands,
        RiskLevel risk,
        Route route,
        LocalDate firstContactDue,
        LocalDate resolutionDue,
        String triagedBy) {
}
