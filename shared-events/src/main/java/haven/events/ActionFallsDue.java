package haven.events;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * An agreed action is due today and not yet done: its owner is reminded, once. Not activity on the
 * case (nobody did anything). No personal data.
 */
@Revision("1")
public record ActionFallsDue(CaseId caseId, String actionId, LocalDate due) {}
