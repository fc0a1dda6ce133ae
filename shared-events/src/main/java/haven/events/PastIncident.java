package haven.events;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Set;

/**
 * One incident from a council's earlier log, as it ended: built once from the file's row and carried
 * whole into the case, so its fields are never copied by position. Codes and dates only; no
 * personal data. {@code locationType} and {@code reporterRole} are null when the log did not say.
 */
public record PastIncident(
        ReportType type,
        Category category,
        YearMonth reportedIn,
        String area,
        LocationType locationType,
        ReporterRole reporterRole,
        Set<Motivation> motivations,
        Set<ProtectedCharacteristic> characteristics,
        Set<MonitoredStrand> strands,
        Outcome outcome,
        LocalDate closedOn) {}
