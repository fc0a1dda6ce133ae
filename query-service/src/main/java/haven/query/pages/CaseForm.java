package haven.query.pages;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The forms on a case page, each sent to one command-service endpoint. Each builds its request
 * body from what was typed; the command-service decides whether it is allowed and valid, and its
 * answer names the fields it refused. Every field's id is the form's slug and the field's name.
 */
enum CaseForm {
    TRIAGE(
            "triage",
            "The case has been triaged",
            form -> body(
                    "category",
                    form.value("category"),
                    "characteristics",
                    form.values("characteristics"),
                    "strands",
                    form.values("strands"),
                    "risk",
                    form.value("risk"),
                    "route",
                    form.value("route"),
                    "area",
                    form.value("area"))),
    ASSIGNMENT(
            "assignment",
            "The case has been assigned",
            form -> body(
                    "caseworker",
                    form.value("caseworker"),
                    "team",
                    form.value("team"),
                    "reason",
                    form.value("reason"))),
    CONFLICT(
            "conflicts",
            "The conflict of interest is recorded: they are off the case",
            form -> body("caseworker", form.value("caseworker"), "reason", form.value("reason"))),
    NAMED_STAFF(
            "named-staff",
            "The member of staff is named in the case and kept off it",
            form -> body("staffId", form.value("staffId"))),
    NOTE("notes", "Your note has been added", form -> body("text", form.value("text"))),
    ACTION(
            "actions",
            "The action has been agreed",
            form -> body(
                    "description", form.value("description"), "owner", form.value("owner"), "due", form.date("due"))),
    MESSAGE("messages", "Your message has been sent to the reporter", form -> body("text", form.value("text"))),
    /** Sent as a file upload by {@code CasePages#attach}; here for its message. */
    ATTACHMENTS("attachments", "Your file has been added to the case", form -> null),
    MEETING(
            "meetings",
            "The meeting is arranged",
            form -> body(
                    "kind",
                    form.value("kind"),
                    "startsAt",
                    form.dateTime("starts"),
                    "place",
                    form.value("place"),
                    "attendees",
                    lines(form.value("attendees")),
                    "companion",
                    body("role", form.value("companionRole"), "name", form.value("companionName")))),
    RESPONDENT(
            "respondents",
            "The person complained about is recorded",
            form -> body(
                    "name",
                    form.value("name"),
                    "role",
                    form.value("role"),
                    "relationship",
                    form.value("relationship"))),
    RESPONDENT_STEP("respondent-step", "The step is recorded", form -> null),
    /** Sent from its own page ({@code LetterPages}); here for its message. */
    LETTERS("letters", "The letter has been sent to the reporter", form -> null),
    /** On one meeting: its id is part of the address ({@code CasePages#actOnMeeting}). */
    ADJOURNMENT(
            "adjournment",
            "meetings/{meetingId}/adjournment",
            "The meeting is adjourned",
            form -> body("reason", form.value("reason"), "resumesAt", form.dateTime("resumes"))),
    MEETING_NOTES(
            "meeting-notes",
            "meetings/{meetingId}/notes",
            "The meeting's notes are recorded",
            form -> body("notes", form.value("notes"), "shareWithReporter", form.has("share", "yes"))),
    NOTES_SHARING(
            "notes-sharing",
            "meetings/{meetingId}/sharing",
            "The meeting's notes are shared with the reporter",
            form -> null),
    MESSAGES_READ("messages-read", "The reporter's message is marked as read", form -> null),
    RESOLUTION(
            "resolution",
            "The case has been resolved",
            form -> body("outcome", form.value("outcome"), "summary", form.value("summary"))),
    CLOSURE("closure", "The case has been closed", form -> null),
    APPEAL("appeal", "The appeal is lodged for the reporter", form -> body("grounds", form.value("grounds"))),
    APPEAL_HEARER(
            "appeal-hearer",
            "appeal/hearer",
            "The case manager who will hear the appeal is appointed",
            form -> body("hearer", form.value("hearer"))),
    APPEAL_DECISION(
            "appeal-decision",
            "appeal/decision",
            "The appeal is decided; its outcome is final",
            form -> body("outcome", form.value("outcome"), "reasons", form.value("reasons"))),
    REOPENING("reopening", "The case has been reopened for new evidence", form -> body("reason", form.value("reason"))),
    REDACTION(
            "redactions",
            "The redacted copy is made: the original is unchanged",
            form -> body(
                    "hide", lines(form.value("hide")), "notes", form.values("notes"), "reason", form.value("reason"))),
    REFERRAL(
            "referrals",
            "The case has been referred: the partner has a case of its own with what you shared",
            form -> body(
                    "to",
                    form.value("to"),
                    "basis",
                    form.value("basis"),
                    "lawfulBasis",
                    form.value("lawfulBasis"),
                    "redactionId",
                    blankAsNull(form.value("redactionId")))),
    POLICE_REPORT(
            "police-report",
            "The police crime reference is recorded",
            form -> body(
                    "crimeReference",
                    blankAsNull(form.value("crimeReference")),
                    "classification",
                    form.value("classification")));

    /** How the page asks for a field that is missing ("Select the risk level"), and names it otherwise. */
    private record Field(String verb, String label) {}

    private static final Map<String, Field> FIELDS = Map.ofEntries(
            Map.entry("category", new Field("Select", "what kind of case it is")),
            Map.entry("risk", new Field("Select", "the risk level")),
            Map.entry("route", new Field("Select", "how it will be handled")),
            Map.entry("outcome", new Field("Select", "the outcome")),
            Map.entry("area", new Field("Select", "the area")),
            Map.entry("caseworker", new Field("Select", "the caseworker")),
            Map.entry("team", new Field("Enter", "the team")),
            Map.entry("reason", new Field("Enter", "the reason")),
            Map.entry("text", new Field("Enter", "your text")),
            Map.entry("staffId", new Field("Enter", "their staff id")),
            Map.entry("description", new Field("Enter", "what will be done")),
            Map.entry("owner", new Field("Enter", "the staff id of who will do it")),
            Map.entry("due", new Field("Enter", "the date it is due, as a real date")),
            Map.entry("summary", new Field("Enter", "a summary of the outcome")),
            Map.entry("to", new Field("Select", "the partner to refer it to")),
            Map.entry("basis", new Field("Select", "the basis for sharing")),
            Map.entry("lawfulBasis", new Field("Enter", "the lawful basis for sharing without consent")),
            Map.entry("hide", new Field("Enter", "the passages to hide, one per line")),
            Map.entry("redactionId", new Field("Select", "what to share")),
            Map.entry("crimeReference", new Field("Enter", "the crime reference number")),
            Map.entry("classification", new Field("Select", "how the police recorded it")),
            Map.entry("grounds", new Field("Enter", "why the reporter is appealing")),
            Map.entry("hearer", new Field("Select", "the case manager who will hear the appeal")),
            Map.entry("reasons", new Field("Enter", "the reasons for the decision")),
            Map.entry("kind", new Field("Select", "what the meeting is for")),
            Map.entry("startsAt", new Field("Enter", "the date and time, in the future")),
            Map.entry("resumesAt", new Field("Enter", "a date and time in the future, or leave it blank")),
            Map.entry("place", new Field("Enter", "the place, or the video link")),
            Map.entry("attendees", new Field("Enter", "who attends, one per line")),
            Map.entry("companion.role", new Field("Select", "who accompanies the reporter")),
            Map.entry("companion.name", new Field("Enter", "the companion's name")),
            Map.entry("notes", new Field("Enter", "the notes of the meeting")),
            Map.entry("name", new Field("Enter", "their name")),
            Map.entry("role", new Field("Enter", "their job or part")),
            Map.entry("relationship", new Field("Select", "who they are to the reporter")));

    /** Where a field's message points on the page, when that is not the form's field of that name. */
    private static final Map<String, String> PAGE_IDS = Map.of(
            "due", "due-day",
            "startsAt", "starts-day",
            "resumesAt", "resumes-day",
            "companion.role", "companionRole",
            "companion.name", "companionName");

    final String slug;
    /** Where the command-service takes it, under {@code /api/cases/{caseId}/}: the slug unless it says otherwise. */
    final String path;

    final String done;
    private final Function<FormAnswers, Map<String, Object>> body;

    CaseForm(String slug, String done, Function<FormAnswers, Map<String, Object>> body) {
        this(slug, slug, done, body);
    }

    CaseForm(String slug, String path, String done, Function<FormAnswers, Map<String, Object>> body) {
        this.slug = slug;
        this.path = path;
        this.done = done;
        this.body = body;
    }

    /** Whether it acts on one meeting, whose id is part of its address. */
    boolean onMeeting() {
        return path.contains("{meetingId}");
    }

    private static String blankAsNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** Lines of a text box, each trimmed, blanks left out. */
    private static List<String> lines(String text) {
        return text == null
                ? List.of()
                : text.lines()
                        .map(String::strip)
                        .filter(line -> !line.isEmpty())
                        .toList();
    }

    static Optional<CaseForm> bySlug(String slug) {
        for (CaseForm form : values()) {
            if (form.slug.equals(slug)) {
                return Optional.of(form);
            }
        }
        return Optional.empty();
    }

    Map<String, Object> body(FormAnswers answers) {
        return body.apply(answers);
    }

    /** The GOV.UK message for a field the command-service refused, keyed by the field's id on the page. */
    Map.Entry<String, String> problem(String field, String reason) {
        Field named = FIELDS.getOrDefault(field, new Field("Enter", field));
        String message = reason.contains("must not be null") || reason.contains("must not be blank")
                ? named.verb() + " " + named.label()
                : Character.toUpperCase(named.label().charAt(0)) + named.label().substring(1) + ": " + reason;
        // a date's error links to its first box, the day; a list's to its box
        String onPage = PAGE_IDS.getOrDefault(field.replaceAll("\\[\\d+]$", ""), field.replaceAll("\\[\\d+]$", ""));
        return Map.entry(slug + "-" + onPage, message);
    }

    private static Map<String, Object> body(Object... namesAndValues) {
        var body = new HashMap<String, Object>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            body.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return body;
    }
}
