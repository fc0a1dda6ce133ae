package haven.events;

import org.axonframework.serialization.Revision;

/** The legal hold is over; the retention policy applies to the case again. */
@Revision("1")
public record LegalHoldLifted(CaseId caseId, String liftedBy) {}
