package haven.events;

/** The legal hold is over; the retention policy applies to the case again. */
public record LegalHoldLifted(CaseId caseId, String liftedBy) {
}
