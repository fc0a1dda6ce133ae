package haven.events;

import java.time.LocalDate;
import java.util.Set;
import org.axonframework.serialization.Revision;

/**
 * A caseworker confirmed what the case is about, how risky it is and how it will be handled, and
 * may have placed it in another of the council's areas ({@code area}, a code; null leaves it where it
 * was). The due dates are given only by events from before deadlines were counted from receipt; a
 * {@link DeadlinesSet} follows every triage since. No personal data.
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
        String triagedBy,
        String area) {}
