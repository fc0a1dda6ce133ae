package haven.query.pages;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The questions of a report, one page each, in the order they are asked. */
public enum ReportStep {
    /** asked only of staff recording a report for someone */
    CHANNEL("channel", "channel"),
    TYPE("type", "type"),
    WHO("who", "organisation"),
    WHAT_HAPPENED("what-happened", "category", "narrative"),
    WHEN("when", "occurredOn-day", "occurredOn-month", "occurredOn-year"),
    WHERE("where", "locationType", "area"),
    WHY("why", "motivations"),
    ROLE("your-role", "reporterRole"),
    PEOPLE("people", "namedParties", "namedStaff"),
    POLICE("police", "policeInformed"),
    ABOUT_YOU("about-you", "anonymous"),
    CONTACT("contact", "name", "email", "phone", "contactPreference"),
    CONSENT("consent", "consentToShare"),
    /** asked only of whoever records a report for someone: about themselves */
    RECORDER("recorder", "recorderMayBeContacted"),
    CHECK("check");

    final String slug;
    final List<String> fields;

    /** Its question is {@code ReportStep.<NAME>} in the messages, in each language. */
    ReportStep(String slug, String... fields) {
        this.slug = slug;
        this.fields = List.of(fields);
    }

    static Optional<ReportStep> of(String slug) {
        return Arrays.stream(values()).filter(step -> step.slug.equals(slug)).findFirst();
    }

    /** The page that asks for a field the command-service refused (its names are the API's). */
    static ReportStep asking(String apiField) {
        String field = apiField.replaceAll("\\[\\d+]$", "")
                .replaceFirst("^report\\.", "")
                .replaceFirst("^reporter\\.?", "");
        String formField = switch (field) {
            case "occurredOn" -> "occurredOn-day";
            case "" -> "name";
            default -> field;
        };
        return Arrays.stream(values())
                .filter(step -> step.fields.contains(formField))
                .findFirst()
                .orElse(CHECK);
    }

    public String getSlug() {
        return slug;
    }

    /**
     * The page after this one: an anonymous reporter is not asked how to contact them, and nobody is
     * asked who to tell when the partnership is one organisation.
     */
    ReportStep next(ReportAnswers answers) {
        ReportStep next = values()[ordinal() + 1];
        return answers.asks(next) ? next : next.next(answers);
    }

    /** The page before this one; itself for the first page asked. */
    ReportStep previous(ReportAnswers answers) {
        for (int earlier = ordinal() - 1; earlier >= 0; earlier--) {
            if (answers.asks(values()[earlier])) {
                return values()[earlier];
            }
        }
        return this;
    }
}
