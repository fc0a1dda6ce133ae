package haven.command.report;

import haven.command.requests.InvalidField;
import haven.command.requests.StaffId;
import haven.events.Category;
import haven.events.ContactPreference;
import haven.events.LocationType;
import haven.events.Motivation;
import haven.events.ReportDetails;
import haven.events.ReportType;
import haven.events.Reporter;
import haven.events.ReporterRole;
import haven.infra.council.Areas;
import haven.infra.council.Partnership;
import haven.infra.council.Partnership.Organisation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** What a reporter tells Haven. Field rules are annotations; rules between fields are in {@link #inconsistencies()}. */
record SubmitReportRequest(
        @NotNull ReportType type,
        @NotNull Category category,
        @NotNull @PastOrPresent LocalDate occurredOn,
        @NotNull LocationType locationType,
        @NotBlank @Size(max = 20) String area,
        Set<@NotNull Motivation> motivations,
        @NotNull ReporterRole reporterRole,
        @NotNull Boolean anonymous,
        @Valid ReporterDetails reporter,
        ContactPreference contactPreference,
        @NotBlank @Size(max = 20000) String narrative,
        @Size(max = 20) List<@NotBlank @Size(max = 200) String> namedParties,
        @Size(max = 5) List<@StaffId String> namedStaff,
        boolean policeInformed,
        boolean consentToShare,

        @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,39}", message = "must be an organisation's id")
        String organisation,

        /* the language of the pages it was made on: its follow-up pages and messages use it */
        @Pattern(regexp = "[a-z]{2,3}", message = "must be a language code, such as cy")
        String language) {

    record ReporterDetails(
            @NotBlank @Size(max = 200) String name,
            @Email @Size(max = 254) String email,

            @Pattern(regexp = "[0-9 +()-]{6,30}", message = "must be a phone number")
            String phone) {}

    /** The report as the case records it: the area trimmed, absent lists empty, a named reporter only when named. */
    ReportDetails details() {
        var named = anonymous || reporter == null
                ? null
                : new Reporter(reporter.name().trim(), reporter.email(), reporter.phone());
        return new ReportDetails(
                type,
                category,
                occurredOn,
                locationType,
                area.trim(),
                Objects.requireNonNullElse(motivations, Set.of()),
                reporterRole,
                anonymous,
                named,
                Objects.requireNonNullElse(contactPreference, ContactPreference.FOLLOW_UP_ONLY),
                narrative,
                Objects.requireNonNullElse(namedParties, List.of()),
                policeInformed,
                consentToShare);
    }

    /**
     * The partner the report goes to: the one the reporter named; otherwise, for a hate incident,
     * the partnership's hate crime service, and for dignity at work the only organisation there is
     * (with several, the reporter names their employer: {@link #inconsistencies} requires it).
     */
    Organisation recipient(Partnership partnership) {
        if (organisation != null && !organisation.isBlank()) {
            return partnership.organisation(organisation).orElseThrow();
        }
        return type == ReportType.HATE_INCIDENT ? partnership.hateCrimeService() : partnership.founder();
    }

    List<InvalidField> inconsistencies(Areas areas, Partnership partnership) {
        var problems = new ArrayList<InvalidField>();
        if (organisation != null
                && !organisation.isBlank()
                && partnership.organisation(organisation).isEmpty()) {
            problems.add(new InvalidField("organisation", "must be one of the partnership's organisations"));
        } else if (organisation != null
                && !organisation.isBlank()
                && partnership.organisation(organisation).orElseThrow().leaving()) {
            problems.add(new InvalidField("organisation", "is leaving the partnership and takes no new reports"));
        } else if ((organisation == null || organisation.isBlank())
                && type == ReportType.DIGNITY_AT_WORK
                && partnership.takingReports().size() > 1) {
            problems.add(new InvalidField(
                    "organisation", "must name the reporter's employer among the partnership's organisations"));
        }
        String to = problems.isEmpty() && type != null ? recipient(partnership).id() : null;
        if (type != null && area != null && !areas.allows(to, type, area.trim())) {
            problems.add(new InvalidField(
                    "area", "must be one of the council's area codes for this type of report, or NOT_SURE"));
        }
        if (Boolean.TRUE.equals(anonymous)) {
            if (reporter != null) {
                problems.add(new InvalidField("reporter", "must be empty for an anonymous report"));
            }
            if (contactPreference == ContactPreference.EMAIL || contactPreference == ContactPreference.PHONE) {
                problems.add(
                        new InvalidField(
                                "contactPreference",
                                "must be FOLLOW_UP_ONLY for an anonymous report: anonymous reporters follow up with their reference and receipt"));
            }
        } else if (Boolean.FALSE.equals(anonymous) && reporter == null) {
            problems.add(new InvalidField("reporter", "is required for a named report"));
        }
        if (contactPreference == ContactPreference.EMAIL && (reporter == null || isBlank(reporter.email()))) {
            problems.add(new InvalidField("reporter.email", "is required to be contacted by email"));
        }
        if (contactPreference == ContactPreference.PHONE && (reporter == null || isBlank(reporter.phone()))) {
            problems.add(new InvalidField("reporter.phone", "is required to be contacted by phone"));
        }
        if (type == ReportType.HATE_INCIDENT && (motivations == null || motivations.isEmpty())) {
            problems.add(new InvalidField(
                    "motivations",
                    "must name at least one perceived motivation for a hate incident (OTHER if none fits)"));
        }
        return problems;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
