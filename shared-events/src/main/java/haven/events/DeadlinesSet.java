package haven.events;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * The case's deadlines from now on, replacing any before (a null date: none). A case is due for triage
 * until it is triaged, for a first contact until the reporter has been written to, and for resolution
 * until it is resolved. No personal data.
 */
@Revision("1")
public record DeadlinesSet(
        CaseId caseId, LocalDate triageDue, LocalDate firstContactDue, LocalDate resolutionDue, DeadlineBasis basis) {}
