package haven.query;

import haven.events.CaseId;
import haven.events.Category;
import haven.events.ContactPreference;
import haven.events.FollowUpKey;
import haven.events.LocationType;
import haven.events.ReportDetails;
import haven.events.ReportSubmitted;
import haven.events.ReportType;
import haven.events.ReporterRole;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reports as tests need them when what was reported does not matter, only that a case exists. */
public final class Reports {

    /** An anonymous dignity-at-work report naming someone outside Haven. */
    public static final ReportDetails BULLYING_AT_WORK = new ReportDetails(
            ReportType.DIGNITY_AT_WORK,
            Category.BULLYING,
            LocalDate.parse("2026-09-30"),
            LocationType.WORKPLACE,
            "Highways",
            Set.of(),
            ReporterRole.VICTIM,
            true,
            null,
            ContactPreference.FOLLOW_UP_ONLY,
            "My manager shouts at me in meetings",
            List.of("J. Jones"),
            false,
            false);

    /** The answers of a whole anonymous report, as the report pages' form posts them. */
    public static final Map<String, String> COMPLETE_REPORT_FORM = Map.ofEntries(
            Map.entry("type", "HATE_INCIDENT"),
            Map.entry("category", "VERBAL_ABUSE"),
            Map.entry("narrative", "Shouted at on the bus"),
            Map.entry("occurredOn-day", "2"),
            Map.entry("occurredOn-month", "11"),
            Map.entry("occurredOn-year", "2025"),
            Map.entry("locationType", "PUBLIC_TRANSPORT"),
            Map.entry("area", "CASTLE"),
            Map.entry("motivations", "RACE"),
            Map.entry("reporterRole", "VICTIM"),
            Map.entry("policeInformed", "no"),
            Map.entry("anonymous", "yes"),
            Map.entry("consentToShare", "no"));

    /** A report recorded for someone by a member of staff: the person's answers, and the recorder's. */
    public static final Map<String, String> COMPLETE_RECORDING_FORM = recording();

    private static Map<String, String> recording() {
        var form = new java.util.HashMap<>(COMPLETE_REPORT_FORM);
        form.put("channel", "PHONE");
        form.put("recorderMayBeContacted", "yes");
        return Map.copyOf(form);
    }

    private Reports() {}

    public static ReportSubmitted bullyingAtWork(CaseId caseId, String reference) {
        return bullyingAtWork(caseId, reference, null);
    }

    /** Reported to {@code organisation} (null: the founder's, as before partnerships). */
    public static ReportSubmitted bullyingAtWork(CaseId caseId, String reference, String organisation) {
        return ReportSubmitted.of(caseId, new FollowUpKey(reference, "$2a$10$x"), BULLYING_AT_WORK, organisation);
    }
}
