package haven.command.cases;

import haven.events.CaseId;
import haven.events.ErasureReason;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ErasePersonalData(@TargetAggregateIdentifier CaseId caseId, ErasureReason reason, String erasedBy) {}
