package haven.events;

import org.axonframework.serialization.Revision;

/**
 * The case must be kept as it is (litigation, a tribunal, an inquiry): its personal data is not
 * erased, by request or by the retention policy, until the hold is lifted.
 * Personal data: {@code reason}.
 */
@Revision("1")
public record LegalHoldPlaced(CaseId caseId, @PersonalData String reason, String placedBy) {}
