package haven.command.cases;

import haven.events.CaseId;
import haven.events.PastIncident;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Adds a case from an organisation's earlier incident log, closed as it ended; it exists once
 * whatever is sent again.
 */
public record ImportHistoricalCase(
        @TargetAggregateIdentifier CaseId caseId, PastIncident incident, String importedBy, String organisation) {}
