package haven.command.cases;

import haven.events.CaseId;
import haven.events.Category;
import haven.events.LocationType;
import haven.events.MonitoredStrand;
import haven.events.Motivation;
import haven.events.Outcome;
import haven.events.ProtectedCharacteristic;
import haven.events.ReportType;
import haven.events.ReporterRole;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds a case from a council's earlier incident log, closed as it ended; it exists once whatever is sent again. */
public record ImportHistoricalCase(
        @TargetAggregateIdentifier CaseId caseId,
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
        String importedBy) {}
