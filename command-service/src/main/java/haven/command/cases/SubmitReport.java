package haven.command.cases;

import haven.events.CaseId;
import haven.events.Category;
import haven.events.ContactPreference;
import haven.events.LocationType;
import haven.events.Motivation;
import haven.events.ReportType;
import haven.events.Reporter;
import haven.events.ReporterRole;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record SubmitReport(
        @TargetAggregateIdentifier CaseId caseId,
        String reference,
        String receiptHash,
        ReportType type,
        Category category,
        LocalDate occurredOn,
        LocationType locationType,
        String area,
        Set<Motivation> motivations,
        ReporterRole reporterRole,
        boolean anonymous,
        Reporter reporter,
        ContactPreference contactPreference,
        String narrative,
        List<String> namedParties,
        /* staff ids of the members of staff among the named parties, who are excluded from the case */
        List<String> namedStaff,
        boolean policeInformed,
        boolean consentToShare,
        /* the team whose case managers receive it (IntakeTeams) */
        String intakeTeam) {
}
