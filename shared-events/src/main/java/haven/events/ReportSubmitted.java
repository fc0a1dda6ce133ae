package haven.events;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.axonframework.serialization.Revision;

/**
 * Someone reported an incident and a case was opened. Personal data: {@code reporter},
 * {@code narrative}, {@code namedParties}. {@code receiptHash} is a slow hash of the secret the
 * reporter follows up with; the receipt itself is never stored. {@code organisation}: the partner
 * it was reported to, whose master key seals its personal data; null in events from before
 * partnerships (the founder's).
 */
@Revision("1")
public record ReportSubmitted(
        CaseId caseId,
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
        @PersonalData(subject = "reporter") Reporter reporter,
        ContactPreference contactPreference,
        @PersonalData String narrative,
        @PersonalData List<String> namedParties,
        boolean policeInformed,
        boolean consentToShare,
        String organisation) {

    /** The event for a report: the one place its fields are laid out in order. */
    public static ReportSubmitted of(CaseId caseId, FollowUpKey key, ReportDetails report, String organisation) {
        return new ReportSubmitted(
                caseId,
                key.reference(),
                key.receiptHash(),
                report.type(),
                report.category(),
                report.occurredOn(),
                report.locationType(),
                report.area(),
                report.motivations(),
                report.reporterRole(),
                report.anonymous(),
                report.reporter(),
                report.contactPreference(),
                report.narrative(),
                report.namedParties(),
                report.policeInformed(),
                report.consentToShare(),
                organisation);
    }
}
