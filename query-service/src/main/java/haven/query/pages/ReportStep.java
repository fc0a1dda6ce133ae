package haven.query.pages;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The questions of a report, one page each, in the order they are asked. */
public enum ReportStep {
    /** asked only of staff recording a report for someone */
    CHANNEL("channel", "How did the report reach you?", "channel"),
    TYPE("type", "What are you reporting?", "type"),
    WHO("who", "Who do you want to tell?", "organisation"),
    WHAT_HAPPENED("what-happened", "What happened?", "category", "narrative"),
    WHEN("when", "When did it happen?", "occurredOn-day", "occurredOn-month", "occurredOn-year"),
    WHERE("where", "Where did it happen?", "locationType", "area"),
    WHY("why", "Why do you think it happened?", "motivations"),
    ROLE("your-role", "How were you involved?", "reporterRole"),
    PEOPLE("people", "Who was involved?", "namedParties", "namedStaff"),
    POLICE("police", "Have you told the police?", "policeInformed"),
    ABOUT_YOU("about-you", "Do you want to give your name?", "anonymous"),
    CONTACT("contact", "Your name and how to contact you", "name", "email", "phone", "contactPreference"),
    CONSENT("consent", "Can we share your report?", "consentToShare"),
    /** asked only of whoever records a report for someone: about themselves */
    RECORDER("recorder", "Can the case team contact you about this report?", "recorderMayBeContacted"),
    CHECK("check", "Check your answers before sending your report");

    final String slug;
    final String question;
    final List<String> fields;

    ReportStep(String slug, String question, String... fields) {
        this.slug = slug;
        this.question = question;
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

    public String getQuestion() {
        return question;
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
