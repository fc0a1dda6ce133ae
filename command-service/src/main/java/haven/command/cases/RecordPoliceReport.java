package haven.command.cases;

import haven.events.CaseId;
import haven.events.PoliceClassification;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record the police's crime reference number for the case, and how they classified it. */
public record RecordPoliceReport(
        @TargetAggregateIdentifier CaseId caseId,
        String crimeReference,
        PoliceClassification classification,
        String recordedBy) {}
