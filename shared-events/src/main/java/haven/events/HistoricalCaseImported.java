package haven.events;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Set;
import org.axonframework.serialization.Revision;

/**
 * A case from a council's earlier incident log, imported as it ended: reported in
 * {@code reportedIn}, closed on {@code closedOn} with {@code outcome}. Only categories, codes and
 * dates: no personal data, no free text. {@code locationType} and {@code reporterRole} are null
 * when the old log did not record them; {@code area} is a code of the council's list or NOT_SURE.
 * {@code organisation}: whose log it was; null in events from before partnerships (the founder's).
 */
@Revision("1")
public record HistoricalCaseImported(
        CaseId caseId,
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
        LocalDate closedOn,
        String importedBy,
        String organisation) {

    /** The event for an imported incident: the one place its fields are laid out in order. */
    public static HistoricalCaseImported of(
            CaseId caseId, PastIncident incident, String importedBy, String organisation) {
        return new HistoricalCaseImported(
                caseId,
                incident.type(),
                incident.category(),
                incident.reportedIn(),
                incident.area(),
                incident.locationType(),
                incident.reporterRole(),
                incident.motivations(),
                incident.characteristics(),
                incident.strands(),
                incident.outcome(),
                incident.closedOn(),
                importedBy,
                organisation);
    }
}
