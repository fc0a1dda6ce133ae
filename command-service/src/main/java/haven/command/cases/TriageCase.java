package haven.command.cases;

import haven.events.CaseId;
import haven.events.Category;
import haven.events.MonitoredStrand;
import haven.events.ProtectedCharacteristic;
import haven.events.RiskLevel;
import haven.events.Route;
import java.time.LocalDate;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record TriageCase(
        @TargetAggregateIdentifier CaseId caseId,
        Category category,
        Set<ProtectedCharacteristic> characteristics,
        Set<MonitoredStrand> strands,
        RiskLevel risk,
        Route route,
        LocalDate firstContactDue,
        LocalDate resolutionDue,
        String triagedBy,
        String area) {}
