package haven.events;

import org.axonframework.serialization.Revision;

/**
 * A new report went to an organisation of the partnership and to its team that takes reports of
 * its type (the intake team): until the case is assigned, only that team's case managers see it,
 * and nobody of another organisation ever does. A case reported before routing existed has no such
 * event and is in the team its type is routed to now; one routed before Haven served a partnership
 * names no {@code organisation} and belongs to the partnership's founder (the first it lists).
 */
@Revision("1")
public record ReportRoutedToTeam(CaseId caseId, String team, String organisation) {}
