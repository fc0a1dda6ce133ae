package haven.command.cases;

import haven.events.CaseId;
import haven.events.FollowUpKey;
import haven.events.IntakeChannel;
import haven.events.ReportDetails;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Open a case for a report. {@code namedStaff}: the sign-in ids of the members of staff among the
 * named parties, who are excluded from the case; {@code organisation}: the partner it is reported
 * to; {@code intakeTeam}: that organisation's team whose case managers receive it; {@code onBehalf}:
 * who recorded it for the person, null when they reported it themselves; {@code language}: the one
 * the report was made in (null: English, or not said).
 */
public record SubmitReport(
        @TargetAggregateIdentifier CaseId caseId,
        FollowUpKey followUpKey,
        ReportDetails report,
        List<String> namedStaff,
        String organisation,
        String intakeTeam,
        OnBehalf onBehalf,
        String language) {

    /** A report the person made themselves. */
    public SubmitReport(
            CaseId caseId,
            FollowUpKey followUpKey,
            ReportDetails report,
            List<String> namedStaff,
            String organisation,
            String intakeTeam) {
        this(caseId, followUpKey, report, namedStaff, organisation, intakeTeam, null, null);
    }

    /** Who recorded a report for the person it is about, and how it reached them. */
    public record OnBehalf(IntakeChannel channel, String recordedBy, String centre, boolean recorderMayBeContacted) {}
}
