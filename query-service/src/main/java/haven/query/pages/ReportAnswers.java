package haven.query.pages;

import haven.events.Category;
import haven.events.ContactPreference;
import haven.events.IntakeChannel;
import haven.events.LocationType;
import haven.events.Motivation;
import haven.events.ReportType;
import haven.events.ReporterRole;
import haven.infra.council.Areas;
import haven.infra.council.Partnership;
import haven.infra.council.Partnership.Organisation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.util.MultiValueMap;

/**
 * A report being filled in: the answers so far, as the form sent them. Nothing is kept between
 * pages on the server; each page sends every earlier answer back in hidden fields.
 */
public class ReportAnswers extends FormAnswers {

    /**
     * Someone recording the report for the person it is about: a member of staff (who says how it
     * reached them) or a reporting centre ({@code centre}, whose channel is itself).
     */
    record Recorder(String centre) {

        boolean isCentre() {
            return centre != null;
        }
    }

    private final Areas areas;
    private final Partnership partnership;
    private final Recorder recorder;

    ReportAnswers(MultiValueMap<String, String> form, Areas areas, Partnership partnership) {
        this(form, areas, partnership, null);
    }

    /** {@code recorder}: who records it for the person, from their sign-in; null when the person reports it themselves. */
    ReportAnswers(MultiValueMap<String, String> form, Areas areas, Partnership partnership, Recorder recorder) {
        super(form);
        this.areas = areas;
        this.partnership = partnership;
        this.recorder = recorder;
        if (recorder == null) {
            answers.remove("channel"); // whatever a form sends, a report made online is the person's own
            answers.remove("recorderMayBeContacted");
        }
        if ("yes".equals(value("anonymous"))) {
            ReportStep.CONTACT.fields.forEach(answers::remove); // changed their mind: forget what they gave
        }
    }

    public boolean isHateIncident() {
        return ReportType.HATE_INCIDENT.name().equals(value("type"));
    }

    /** The type chosen, when it is one. */
    Optional<ReportType> reportType() {
        return Arrays.stream(ReportType.values())
                .filter(t -> t.name().equals(value("type")))
                .findFirst();
    }

    /** The chosen area's label from the council's list; nothing for anything else. */
    public String areaLabel() {
        String code = value("area");
        return code == null ? "" : areas.label(code).orElse("");
    }

    /** Whether this reporter is asked this page's questions. */
    boolean asks(ReportStep step) {
        return switch (step) {
            case CHANNEL -> recorder != null && !recorder.isCentre();
            case RECORDER -> recorder != null;
            case WHO -> partnership.takingReports().size() > 1;
            case CONTACT -> !isAnonymous();
            default -> true;
        };
    }

    /** Whether someone is recording it for the person it is about. */
    public boolean isRecordedForSomeone() {
        return recorder != null;
    }

    /** The body of {@code POST /api/intake/reports}: the person's report, how it reached Haven, and the recorder's own choice. */
    Map<String, Object> toRecording() {
        var recording = new LinkedHashMap<String, Object>();
        recording.put("report", toReport());
        if (!recorder.isCentre()) {
            recording.put("channel", value("channel"));
        }
        recording.put("recorderMayBeContacted", "yes".equals(value("recorderMayBeContacted")));
        return recording;
    }

    /** Whether the reporter chooses who to tell: the partnership has more than one organisation. */
    public boolean isAskedWho() {
        return asks(ReportStep.WHO);
    }

    /** The partners a reporter can tell, the hate crime service first for a hate incident. */
    public List<Organisation> partners() {
        var partners = new ArrayList<>(partnership.takingReports());
        if (isHateIncident()) {
            partners.remove(partnership.hateCrimeService());
            partners.add(0, partnership.hateCrimeService());
        }
        return partners;
    }

    /**
     * The partner the report goes to, as the command-service decides it: the one chosen, else the
     * hate crime service for a hate incident and the founder for dignity at work; null before the type is known.
     */
    String recipient() {
        var chosen = partnership.organisation(value("organisation"));
        if (chosen.isPresent()) {
            return chosen.get().id();
        }
        return reportType()
                .map(type -> type == ReportType.HATE_INCIDENT ? partnership.hateCrimeService() : partnership.founder())
                .map(Organisation::id)
                .orElse(null);
    }

    /** The chosen partner's name; nothing for anything else. */
    public String partnerName() {
        return partnership
                .organisation(value("organisation"))
                .map(Organisation::name)
                .orElse("");
    }

    public boolean isAnonymous() {
        return !"no".equals(value("anonymous"));
    }

    /** An earlier answer, carried as a hidden field. */
    public record Hidden(String name, String value) {}

    /** The answers to carry as hidden fields on a page that does not ask them. */
    List<Hidden> hiddenOn(ReportStep step) {
        var hidden = new ArrayList<Hidden>();
        answers.forEach((field, values) -> {
            if (!step.fields.contains(field)) {
                values.forEach(v -> hidden.add(new Hidden(field, v)));
            }
        });
        return hidden;
    }

    /** What is wrong with the answers to one page, by field, in the order the page asks them: message keys. */
    Map<String, String> problemsWith(ReportStep step) {
        var problems = new LinkedHashMap<String, String>();
        switch (step) {
            case CHANNEL -> {
                if (!isOneOf(value("channel"), IntakeChannel.class)
                        || !IntakeChannel.valueOf(value("channel")).takenByStaff()) {
                    problems.put("channel", "problem.channel");
                }
            }
            case RECORDER -> requireYesOrNo(problems, "recorderMayBeContacted", "problem.recorderMayBeContacted");
            case TYPE -> requireOneOf(problems, "type", ReportType.class, "problem.type");
            case WHO -> {
                if (asks(step)
                        && partnership.organisation(value("organisation")).isEmpty()) {
                    problems.put(
                            "organisation",
                            isHateIncident() ? "problem.organisation.hate" : "problem.organisation.work");
                }
            }
            case WHAT_HAPPENED -> {
                requireOneOf(problems, "category", Category.class, "problem.category");
                requireText(problems, "narrative", 20_000, "problem.narrative");
            }
            case WHEN -> checkDate(problems);
            case WHERE -> {
                requireOneOf(problems, "locationType", LocationType.class, "problem.locationType");
                String area = value("area");
                if (area == null
                        || reportType()
                                .filter(type -> areas.allows(recipient(), type, area))
                                .isEmpty()) {
                    problems.put("area", "problem.area");
                }
            }
            case WHY -> {
                if (values("motivations").stream().anyMatch(m -> !isOneOf(m, Motivation.class))) {
                    problems.put("motivations", "problem.motivations.list");
                } else if (isHateIncident() && values("motivations").isEmpty()) {
                    problems.put("motivations", "problem.motivations");
                }
            }
            case ROLE -> requireOneOf(problems, "reporterRole", ReporterRole.class, "problem.reporterRole");
            case PEOPLE -> {
                if (lines("namedParties").size() > 20
                        || lines("namedParties").stream().anyMatch(l -> l.length() > 200)) {
                    problems.put("namedParties", "problem.namedParties");
                }
                if (lines("namedStaff").stream().anyMatch(l -> !l.matches("[A-Za-z0-9._@-]{1,100}"))) {
                    problems.put("namedStaff", "problem.namedStaff");
                } else if (lines("namedStaff").size() > 5) {
                    problems.put("namedStaff", "problem.namedStaff.many");
                }
            }
            case POLICE -> requireYesOrNo(problems, "policeInformed", "problem.policeInformed");
            case ABOUT_YOU -> requireYesOrNo(problems, "anonymous", "problem.anonymous");
            case CONTACT -> checkContact(problems);
            case CONSENT -> requireYesOrNo(problems, "consentToShare", "problem.consentToShare");
            case CHECK -> {}
        }
        return problems;
    }

    /** The first page whose answers are missing or wrong, or {@link ReportStep#CHECK} if there is none. */
    ReportStep firstUnanswered() {
        return Arrays.stream(ReportStep.values())
                .filter(step -> asks(step) && !problemsWith(step).isEmpty())
                .findFirst()
                .orElse(ReportStep.CHECK);
    }

    /** The body of {@code POST /api/reports}. */
    Map<String, Object> toReport() {
        var report = new LinkedHashMap<String, Object>();
        report.put("type", value("type"));
        report.put("category", value("category"));
        report.put("occurredOn", date().toString());
        report.put("locationType", value("locationType"));
        report.put("area", value("area"));
        report.put("motivations", values("motivations"));
        report.put("reporterRole", value("reporterRole"));
        report.put("anonymous", isAnonymous());
        if (!isAnonymous()) {
            var reporter = new LinkedHashMap<String, Object>();
            reporter.put("name", value("name"));
            reporter.put("email", value("email"));
            reporter.put("phone", value("phone"));
            report.put("reporter", reporter);
        }
        report.put(
                "contactPreference",
                isAnonymous() ? ContactPreference.FOLLOW_UP_ONLY.name() : value("contactPreference"));
        report.put("narrative", value("narrative"));
        report.put("namedParties", lines("namedParties"));
        report.put("namedStaff", lines("namedStaff"));
        report.put("policeInformed", "yes".equals(value("policeInformed")));
        report.put("consentToShare", "yes".equals(value("consentToShare")));
        if (asks(ReportStep.WHO)) {
            report.put("organisation", value("organisation"));
        }
        // the language of these pages: the follow-up pages and messages will be in it
        report.put("language", LocaleContextHolder.getLocale().getLanguage());
        return report;
    }

    public LocalDate date() {
        return date("occurredOn");
    }

    public List<String> lines(String field) {
        String text = value(field);
        return text == null
                ? List.of()
                : text.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
    }

    private void checkDate(Map<String, String> problems) {
        if (value("occurredOn-day") == null && value("occurredOn-month") == null && value("occurredOn-year") == null) {
            problems.put("occurredOn-day", "problem.date");
        } else if (date() == null || date().getYear() < 1900) {
            problems.put("occurredOn-day", "problem.date.real");
        } else if (date().isAfter(LocalDate.now())) {
            problems.put("occurredOn-day", "problem.date.future");
        }
    }

    private void checkContact(Map<String, String> problems) {
        if (isAnonymous()) {
            return; // not asked
        }
        requireText(problems, "name", 200, "problem.name");
        requireOneOf(problems, "contactPreference", ContactPreference.class, "problem.contactPreference");
        String email = value("email");
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            problems.put("email", "problem.email");
        } else if ("EMAIL".equals(value("contactPreference")) && email == null) {
            problems.put("email", "problem.email.missing");
        }
        if ("PHONE".equals(value("contactPreference")) && value("phone") == null) {
            problems.put("phone", "problem.phone");
        }
    }

    private <E extends Enum<E>> void requireOneOf(
            Map<String, String> problems, String field, Class<E> type, String message) {
        if (!isOneOf(value(field), type)) {
            problems.put(field, message);
        }
    }

    private static <E extends Enum<E>> boolean isOneOf(String value, Class<E> type) {
        return value != null
                && Arrays.stream(type.getEnumConstants()).anyMatch(c -> c.name().equals(value));
    }

    private void requireText(Map<String, String> problems, String field, int max, String message) {
        if (value(field) == null) {
            problems.put(field, message);
        } else if (value(field).length() > max) {
            problems.put(field, "problem.tooLong." + max);
        }
    }

    private void requireYesOrNo(Map<String, String> problems, String field, String message) {
        if (!"yes".equals(value(field)) && !"no".equals(value(field))) {
            problems.put(field, message);
        }
    }
}
