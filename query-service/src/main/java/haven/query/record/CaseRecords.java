package haven.query.record;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import haven.events.AppealOutcome;
import haven.events.Category;
import haven.events.Companion;
import haven.events.ContactPreference;
import haven.events.IntakeChannel;
import haven.events.LetterKind;
import haven.events.LocationType;
import haven.events.MeetingKind;
import haven.events.Motivation;
import haven.events.Outcome;
import haven.events.PoliceClassification;
import haven.events.ReferralBasis;
import haven.events.ReportType;
import haven.events.ReporterRole;
import haven.events.RespondentRelationship;
import haven.events.RespondentStep;
import haven.infra.council.Partnership;
import haven.infra.council.ReportingCentre;
import haven.infra.privacy.PersonalDataKeys;
import haven.infra.security.Staff;
import haven.query.access.AccessLog.View;
import haven.query.caseload.CaseAccess;
import haven.query.caseload.CaseFile;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * A case's record, opened for someone allowed to read it; the read is written to the access log.
 * A text is null once the case's personal data has been erased.
 */
@Component
public class CaseRecords {

    public record CaseRecord(
            String caseId,
            Report report,
            List<Note> notes,
            List<Action> actions,
            List<Message> messages,
            List<EvidenceFile> evidence,
            Resolution resolution,
            Appeal appeal,
            List<Meeting> meetings,
            List<Respondent> respondents,
            List<Letter> letters,
            CheckIn checkIn,
            List<Redaction> redactions,
            List<Referral> referrals,
            PoliceReport police) {

        public Optional<Letter> letter(String letterId) {
            return letters.stream()
                    .filter(letter -> letter.id().equals(letterId))
                    .findFirst();
        }

        public Optional<Referral> referral(String referralId) {
            return referrals.stream()
                    .filter(referral -> referral.id().equals(referralId))
                    .findFirst();
        }
    }

    /** A copy made for sharing, passages masked, with who made it and why; texts null once erased. */
    public record Redaction(
            String id,
            String narrative,
            List<String> notes,
            int maskedCharacters,
            String reason,
            String madeBy,
            Instant at) {}

    /**
     * A referral this organisation made: to whom, on what basis, and exactly what it shared (the
     * report's categories, and the redacted copy {@code redactionId} if one was chosen).
     */
    public record Referral(
            String id,
            String to,
            ReferralBasis basis,
            String lawfulBasis,
            String redactionId,
            ReportType type,
            Category category,
            LocalDate occurredOn,
            LocationType locationType,
            List<Motivation> motivations,
            String narrative,
            List<String> notes,
            int maskedCharacters,
            String by,
            Instant at) {}

    /** What the police recorded: their crime reference and classification (null once erased). */
    public record PoliceReport(String crimeReference, PoliceClassification classification, String by, Instant at) {}

    /** The check-in after closure: when asked, and the answer once given ({@code details} null if none or erased). */
    public record CheckIn(Instant sentAt, Instant answeredAt, boolean victimised, String details) {

        public boolean answered() {
            return answeredAt != null;
        }
    }

    /** A letter sent to the reporter; {@code text} null once erased. */
    public record Letter(String id, LetterKind kind, String text, String sentBy, Instant at) {}

    public record Report(
            Instant submittedAt,
            LocalDate occurredOn,
            LocationType locationType,
            String area,
            List<Motivation> motivations,
            ReporterRole reporterRole,
            boolean anonymous,
            String reporterName,
            String reporterEmail,
            String reporterPhone,
            ContactPreference contactPreference,
            String narrative,
            String namedParties,
            boolean policeInformed,
            boolean consentToShare,
            String referredFrom,
            List<String> sharedNotes,
            Intake intake) {

        /** A referral from another partner: shared with this organisation, not its to share on. */
        public boolean referred() {
            return referredFrom != null;
        }
    }

    /**
     * How a report reached Haven when someone recorded it for the person: the channel, who recorded
     * it, the reporting centre's name (null for staff) and whether the recorder may be contacted.
     */
    public record Intake(IntakeChannel channel, String recordedBy, String centre, boolean recorderMayBeContacted) {}

    public record Note(String id, String author, Instant at, String text) {}

    public record Action(
            String id, String description, String owner, LocalDate due, Instant agreedAt, Instant completedAt) {

        public boolean done() {
            return completedAt != null;
        }
    }

    /** {@code from} is {@code case team} or {@code reporter}; {@code sender} names the member of staff. */
    public record Message(String id, String from, String sender, Instant at, String text) {}

    /** A file added to the case: {@code addedBy} is {@code reporter} or the member of staff; {@code name} null once erased. */
    public record EvidenceFile(String id, String name, String type, long size, String addedBy, Instant at) {

        public boolean byReporter() {
            return CaseRecordProjection.REPORTER.equals(addedBy);
        }
    }

    /**
     * A meeting or hearing: when (the council's local time) and what for, where, who attends, who
     * accompanies the reporter; any adjournment; its notes once held, and whether the reporter has them.
     */
    public record Meeting(
            String id,
            MeetingKind kind,
            LocalDateTime startsAt,
            String place,
            List<String> attendees,
            Companion.Role companionRole,
            String companionName,
            String adjournedFor,
            LocalDateTime resumesAt,
            String notes,
            String notesBy,
            boolean shared) {

        public boolean held() {
            return notesBy != null;
        }

        /** When it takes place now: the adjourned-to time if one was set. */
        public LocalDateTime when() {
            return resumesAt != null ? resumesAt : startsAt;
        }
    }

    /** A person complained about: name and role null once erased; the steps taken with them. */
    public record Respondent(
            String id, String name, String role, RespondentRelationship relationship, List<RespondentStep> steps) {

        public boolean took(RespondentStep step) {
            return steps.contains(step);
        }
    }

    /** {@code by} is null for a resolution recorded before Haven kept who made it. */
    public record Resolution(Outcome outcome, String summary, String by, Instant at) {}

    /**
     * The appeal against the current outcome: {@code lodgedBy} is {@code reporter} or a member of
     * staff; {@code hearer}, {@code outcome} and {@code reasons} once appointed and decided.
     */
    public record Appeal(
            String grounds,
            String lodgedBy,
            Instant lodgedAt,
            String hearer,
            AppealOutcome outcome,
            String reasons,
            Instant decidedAt) {

        public boolean decided() {
            return outcome != null;
        }
    }

    /**
     * An action someone owns, in their list: {@code onTheCase} says whether they may open the case
     * itself (they work on it), or see only their action.
     */
    public record OwnedAction(
            String caseId,
            String reference,
            String actionId,
            String description,
            LocalDate due,
            boolean overdue,
            boolean onTheCase) {}

    private final MongoCollection<Document> records;
    private final MongoCollection<Document> byOwner;
    private final CaseAccess access;
    private final PersonalDataKeys keys;
    private final Clock clock;
    private final Partnership partnership;

    CaseRecords(
            MongoDatabase havenDatabase,
            CaseAccess access,
            PersonalDataKeys keys,
            Partnership partnership,
            Clock clock) {
        this.partnership = partnership;
        this.records = havenDatabase.getCollection(CaseRecordProjection.COLLECTION);
        this.byOwner = havenDatabase.getCollection(CaseRecordProjection.BY_OWNER);
        this.clock = clock;
        this.access = access;
        this.keys = keys;
    }

    /**
     * The actions this member of staff owns and has not done, on the open cases of their organisation
     * they are not kept from, soonest due first; nothing else of those cases. Key lookups only: their
     * list, then its cases and records.
     */
    public List<OwnedAction> actionsOwnedBy(Staff owner) {
        Document listed = byOwner.find(eq("_id", owner.id())).first();
        if (listed == null) {
            return List.of();
        }
        var caseAndAction = listed.getList("actions", String.class, List.of()).stream()
                .map(entry -> entry.split("/", 2))
                .toList();
        var files = access.forActionOwner(
                owner, caseAndAction.stream().map(pair -> pair[0]).toList());
        var byCase = new HashMap<String, Document>();
        records.find(in("_id", files.stream().map(CaseFile::caseId).toList()))
                .forEach(record -> byCase.put(record.getString("_id"), record));
        LocalDate today = LocalDate.now(clock);
        var owned = new ArrayList<OwnedAction>();
        for (CaseFile file : files) {
            Document record = byCase.get(file.caseId());
            Document actions = record == null ? null : record.get("actions", Document.class);
            for (String[] pair : caseAndAction) {
                Document action =
                        actions == null || !pair[0].equals(file.caseId()) ? null : actions.get(pair[1], Document.class);
                if (action == null
                        || action.get("completedAt") != null
                        || !owner.id().equals(action.getString("owner"))) {
                    continue;
                }
                LocalDate due = date(action.getString("due"));
                owned.add(new OwnedAction(
                        file.caseId(),
                        file.reference(),
                        pair[1],
                        open(action, "description"),
                        due,
                        due != null && due.isBefore(today),
                        access.mayList(owner, file)));
            }
        }
        owned.sort(Comparator.comparing(OwnedAction::due, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(OwnedAction::reference));
        return owned;
    }

    /** As if there were no such case when this member of staff may not read it. */
    public CaseRecord read(String caseId, Staff staff) {
        return read(access.caseFile(caseId, staff, View.RECORD));
    }

    /** The record of a case whose file {@link CaseAccess} granted (and logged). */
    public CaseRecord read(CaseFile granted) {
        String caseId = granted.caseId();
        Document d = records.find(eq("_id", caseId)).first();
        if (d == null) {
            return new CaseRecord(
                    caseId, null, List.of(), List.of(), List.of(), List.of(), null, null, List.of(), List.of(),
                    List.of(), null, List.of(), List.of(), null);
        }
        return new CaseRecord(
                caseId,
                report(d.get("report", Document.class)),
                entries(
                        d,
                        "notes",
                        (id, n) -> new Note(id, n.getString("author"), at(n, "at"), open(n, "text")),
                        Comparator.comparing(Note::at)),
                entries(
                        d,
                        "actions",
                        (id, a) -> new Action(
                                id,
                                open(a, "description"),
                                a.getString("owner"),
                                date(a.getString("due")),
                                at(a, "agreedAt"),
                                at(a, "completedAt")),
                        Comparator.comparing(Action::agreedAt, Comparator.nullsLast(Comparator.naturalOrder()))),
                entries(
                        d,
                        "messages",
                        (id, m) -> new Message(
                                id, m.getString("from"), m.getString("sender"), at(m, "at"), open(m, "text")),
                        Comparator.comparing(Message::at)),
                entries(
                        d,
                        "evidence",
                        (id, f) -> new EvidenceFile(
                                id,
                                open(f, "name"),
                                f.getString("type"),
                                f.get("size", Number.class).longValue(),
                                f.getString("addedBy"),
                                at(f, "at")),
                        Comparator.comparing(EvidenceFile::at)),
                resolution(d.get("resolution", Document.class)),
                appeal(d.get("appeal", Document.class)),
                entries(d, "meetings", this::meeting, Comparator.comparing(Meeting::startsAt)),
                entries(
                        d,
                        "respondents",
                        (id, r) -> new Respondent(
                                id,
                                open(r, "name"),
                                open(r, "role"),
                                value(RespondentRelationship.class, r.getString("relationship")),
                                r.getList("steps", String.class, List.of()).stream()
                                        .map(RespondentStep::valueOf)
                                        .toList()),
                        Comparator.comparing(Respondent::id)),
                entries(
                        d,
                        "letters",
                        (id, l) -> new Letter(
                                id,
                                value(LetterKind.class, l.getString("kind")),
                                open(l, "text"),
                                l.getString("sentBy"),
                                at(l, "at")),
                        Comparator.comparing(Letter::at)),
                checkIn(d.get("checkIn", Document.class)),
                entries(
                        d,
                        "redactions",
                        (id, r) -> new Redaction(
                                id,
                                open(r, "narrative"),
                                openAll(r, "notes"),
                                r.getInteger("maskedCharacters", 0),
                                open(r, "reason"),
                                r.getString("madeBy"),
                                at(r, "at")),
                        Comparator.comparing(Redaction::at)),
                entries(d, "referrals", this::referral, Comparator.comparing(Referral::at)),
                police(d.get("police", Document.class)));
    }

    private Referral referral(String id, Document r) {
        return new Referral(
                id,
                r.getString("to"),
                value(ReferralBasis.class, r.getString("basis")),
                open(r, "lawfulBasis"),
                r.getString("redactionId"),
                value(ReportType.class, r.getString("type")),
                value(Category.class, r.getString("category")),
                date(r.getString("occurredOn")),
                value(LocationType.class, r.getString("locationType")),
                r.getList("motivations", String.class, List.of()).stream()
                        .map(Motivation::valueOf)
                        .toList(),
                open(r, "narrative"),
                openAll(r, "notes"),
                r.getInteger("maskedCharacters", 0),
                r.getString("by"),
                at(r, "at"));
    }

    private PoliceReport police(Document p) {
        if (p == null) {
            return null;
        }
        String classification = open(p, "classification");
        return new PoliceReport(
                open(p, "crimeReference"),
                classification == null ? null : PoliceClassification.valueOf(classification),
                p.getString("by"),
                at(p, "at"));
    }

    private Report report(Document r) {
        if (r == null) {
            return null;
        }
        return new Report(
                at(r, "submittedAt"),
                date(r.getString("occurredOn")),
                value(LocationType.class, r.getString("locationType")),
                r.getString("area"),
                r.getList("motivations", String.class, List.of()).stream()
                        .map(Motivation::valueOf)
                        .toList(),
                value(ReporterRole.class, r.getString("reporterRole")),
                r.getBoolean("anonymous", false),
                open(r, "reporterName"),
                open(r, "reporterEmail"),
                open(r, "reporterPhone"),
                value(ContactPreference.class, r.getString("contactPreference")),
                open(r, "narrative"),
                open(r, "namedParties"),
                r.getBoolean("policeInformed", false),
                r.getBoolean("consentToShare", false),
                r.getString("referredFrom"),
                openAll(r, "sharedNotes"),
                intake(r.get("intake", Document.class)));
    }

    private Intake intake(Document i) {
        return i == null
                ? null
                : new Intake(
                        value(IntakeChannel.class, i.getString("channel")),
                        i.getString("recordedBy"),
                        partnership
                                .reportingCentre(i.getString("centre"))
                                .map(ReportingCentre::name)
                                .orElse(i.getString("centre")),
                        i.getBoolean("recorderMayBeContacted", false));
    }

    private Resolution resolution(Document r) {
        return r == null
                ? null
                : new Resolution(
                        Outcome.valueOf(r.getString("outcome")), open(r, "summary"), r.getString("by"), at(r, "at"));
    }

    private Meeting meeting(String id, Document m) {
        String attendees = open(m, "attendees");
        return new Meeting(
                id,
                value(MeetingKind.class, m.getString("kind")),
                LocalDateTime.parse(m.getString("startsAt")),
                open(m, "place"),
                attendees == null ? List.of() : attendees.lines().toList(),
                value(Companion.Role.class, m.getString("companionRole")),
                open(m, "companionName"),
                open(m, "adjournedFor"),
                m.getString("resumesAt") == null ? null : LocalDateTime.parse(m.getString("resumesAt")),
                open(m, "notes"),
                m.getString("notesBy"),
                m.getBoolean("shared", false));
    }

    private CheckIn checkIn(Document c) {
        return c == null
                ? null
                : new CheckIn(
                        at(c, "sentAt"), at(c, "answeredAt"), c.getBoolean("victimised", false), open(c, "details"));
    }

    private Appeal appeal(Document a) {
        return a == null
                ? null
                : new Appeal(
                        open(a, "grounds"),
                        a.getString("lodgedBy"),
                        at(a, "lodgedAt"),
                        a.getString("hearer"),
                        value(AppealOutcome.class, a.getString("outcome")),
                        open(a, "reasons"),
                        at(a, "decidedAt"));
    }

    /** A map of entries keyed by their ids, in order. */
    private static <T> List<T> entries(
            Document d, String field, BiFunction<String, Document, T> entry, Comparator<T> order) {
        return d.get(field, new Document()).entrySet().stream()
                .map(e -> entry.apply(e.getKey(), (Document) e.getValue()))
                .sorted(order)
                .toList();
    }

    private String open(Document d, String field) {
        String sealed = d.getString(field);
        return sealed == null ? null : keys.open(sealed).orElse(null);
    }

    /** Each of a list of sealed texts; none once erased. */
    private List<String> openAll(Document d, String field) {
        return d.getList(field, String.class, List.of()).stream()
                .map(text -> keys.open(text).orElse(null))
                .filter(Objects::nonNull)
                .toList();
    }

    private static Instant at(Document d, String field) {
        Date date = d.getDate(field);
        return date == null ? null : date.toInstant();
    }

    private static LocalDate date(String iso) {
        return iso == null ? null : LocalDate.parse(iso);
    }

    private static <E extends Enum<E>> E value(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }
}
