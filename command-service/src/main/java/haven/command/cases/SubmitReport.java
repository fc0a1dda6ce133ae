package haven.command.cases;

import haven.events.CaseId;
import haven.events.FollowUpKey;
import haven.events.ReportDetails;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Open a case for a report. {@code namedStaff}: the sign-in ids of the members of staff among the
 * named parties, who are excluded from the case; {@code organisation}: the partner it is reported
 * to; {@code intakeTeam}: that organisation's team whose case managers receive it.
 */
public record SubmitReport(
        @TargetAggregateIdentifier CaseId caseId,
        FollowUpKey followUpKey,
        ReportDetails report,
        List<String> namedStaff,
        String organisation,
        String intakeTeam) {}
