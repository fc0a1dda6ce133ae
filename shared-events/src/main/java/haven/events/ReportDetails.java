package haven.events;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * What a reporter tells Haven about an incident: a report without its case and follow-up key. Built
 * once from the reporter's answers and carried whole, so its fields are never copied by position.
 * Personal data: {@code reporter}, {@code narrative}, {@code namedParties} (sealed once in an event).
 */
public record ReportDetails(
        ReportType type,
        Category category,
        LocalDate occurredOn,
        LocationType locationType,
        String area,
        Set<Motivation> motivations,
        ReporterRole reporterRole,
        boolean anonymous,
        Reporter reporter,
        ContactPreference contactPreference,
        String narrative,
        List<String> namedParties,
        boolean policeInformed,
        boolean consentToShare) {}
