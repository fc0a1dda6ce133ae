package haven.events;

import org.axonframework.serialization.Revision;

/**
 * A new report went to the team that takes reports of its type (the intake team): until the case
 * is assigned, only that team's case managers see it. A case reported before routing existed has
 * no such event and is in the team its type is routed to now.
 */
@Revision("1")
public record ReportRoutedToTeam(CaseId caseId, String team) {}
