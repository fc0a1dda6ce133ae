package haven.events;

import java.time.LocalDate;

/**
 * An agreed action is due today and not yet done: its owner is reminded, once. Not activity on the
 * case (nobody did anything). No personal data.
 */
public record ActionFallsDue(CaseId caseId, String actionId, LocalDate due) {}
