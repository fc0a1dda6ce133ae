package haven.query.reporter;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import haven.events.AppealOutcome;
import haven.events.LetterKind;
import haven.events.MeetingKind;
import haven.events.Outcome;
import haven.events.ReportType;
import haven.infra.privacy.PersonalDataKeys;
import haven.infra.security.ReceiptGuard;
import haven.query.letters.LetterTitles;
import haven.query.web.Words;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * What a reporter may see of their case, found by reference and receipt. A wrong receipt and an
 * unknown reference give the same empty answer after the same work; guessing is throttled.
 */
@Component
public class ReporterStatuses {

    /** {@code text} is null once the case's personal data has been erased. */
    public record Message(String from, String text, Instant at) {}

    /**
     * A meeting they are invited to: what for, when (the adjourned-to time if it was moved), where;
     * its notes once shared with them.
     */
    public record Meeting(
            String kind, MeetingKind kindCode, LocalDateTime when, String place, boolean adjourned, String notes) {}

    /** A letter to them: {@code text} null once erased. */
    public record Letter(String id, String title, LetterKind kind, String text, Instant at) {}

    /** A file the reporter added; {@code name} is null once erased. */
    public record AddedFile(String name, Instant at) {}

    /**
     * {@code open}: the case still takes the reporter's messages (not once its details are deleted).
     * The words ({@code status}, {@code outcome}, …) are English, for the API; {@code stage} and the
     * codes let a page say them in the reader's language; {@code language} is the one the report was made in.
     */
    public record ReporterStatus(
            String reference,
            String status,
            String nextStep,
            String outcome,
            Instant appealUntil,
            List<Message> messages,
            List<AddedFile> files,
            List<Meeting> meetings,
            List<Letter> letters,
            boolean open,
            String appealOutcome,
            boolean mayAppeal,
            boolean checkInOpen,
            boolean consentToShare,
            ReportType type,
            String organisation,
            boolean monitoringReturned,
            String stage,
            Outcome outcomeCode,
            AppealOutcome appealOutcomeCode,
            String language) {}

    private final MongoCollection<Document> references;
    private final MongoCollection<Document> statuses;
    private final ReceiptGuard guard;
    private final PersonalDataKeys keys;
    private final Clock clock;

    ReporterStatuses(MongoDatabase havenDatabase, ReceiptGuard guard, PersonalDataKeys keys, Clock clock) {
        this.clock = clock;
        this.guard = guard;
        this.keys = keys;
        this.references = havenDatabase.getCollection(ReporterStatusProjection.REFERENCES);
        this.statuses = havenDatabase.getCollection(ReporterStatusProjection.STATUSES);
    }

    /** Empty when the reference and receipt do not match a report; {@code client} is the asker's address, for throttling. */
    public Optional<ReporterStatus> find(String reference, String receipt, String client) {
        String normalised = ReceiptGuard.normaliseReference(reference);
        Document entry = references.find(eq("_id", normalised)).first();
        boolean matches =
                guard.opens(normalised, receipt, client, entry == null ? null : entry.getString("receiptHash"));
        Document status = entry != null && matches
                ? statuses.find(eq("_id", entry.getString("caseId"))).first()
                : null;
        return Optional.ofNullable(status).map(d -> view(normalised, d));
    }

    private ReporterStatus view(String reference, Document d) {
        Stage stage = Stage.valueOf(d.getString("stage"));
        var messages = d.get("messages", new Document()).values().stream()
                .map(Document.class::cast)
                .map(m -> new Message(
                        m.getString("from"),
                        text(m.getString("text")),
                        m.getDate("at").toInstant()))
                .sorted(Comparator.comparing(Message::at))
                .toList();
        var files = d.get("files", new Document()).values().stream()
                .map(Document.class::cast)
                .map(f ->
                        new AddedFile(text(f.getString("name")), f.getDate("at").toInstant()))
                .sorted(Comparator.comparing(AddedFile::at))
                .toList();
        var meetings = d.get("meetings", new Document()).values().stream()
                .map(Document.class::cast)
                .map(m -> new Meeting(
                        Words.capitalised(MeetingKind.valueOf(m.getString("kind"))),
                        MeetingKind.valueOf(m.getString("kind")),
                        LocalDateTime.parse(
                                m.getString("resumesAt") != null ? m.getString("resumesAt") : m.getString("startsAt")),
                        text(m.getString("place")),
                        m.getBoolean("adjourned", false),
                        m.getBoolean("shared", false) ? text(m.getString("notes")) : null))
                .sorted(Comparator.comparing(Meeting::when))
                .toList();
        var letters = d.get("letters", new Document()).entrySet().stream()
                .map(entry -> {
                    var l = (Document) entry.getValue();
                    return new Letter(
                            entry.getKey(),
                            LetterTitles.of(LetterKind.valueOf(l.getString("kind"))),
                            LetterKind.valueOf(l.getString("kind")),
                            text(l.getString("text")),
                            l.getDate("at").toInstant());
                })
                .sorted(Comparator.comparing(Letter::at))
                .toList();
        // a case closed without a resolution (left idle until retention closed it) has neither
        boolean decided = stage != Stage.RECEIVED
                && stage != Stage.BEING_LOOKED_INTO
                && stage != Stage.REOPENED
                && d.getString("outcome") != null;
        String outcome = decided ? Words.of(Outcome.valueOf(d.getString("outcome"))) : null;
        Instant appealUntil = decided && d.getDate("appealDeadline") != null
                ? d.getDate("appealDeadline").toInstant()
                : null;
        String appealOutcome = d.getString("appealOutcome") == null
                ? null
                : Words.of(AppealOutcome.valueOf(d.getString("appealOutcome")));
        // an outcome is appealed within its window, once
        boolean mayAppeal = (stage == Stage.RESOLVED || stage == Stage.CLOSED)
                && appealUntil != null
                && appealUntil.isAfter(clock.instant())
                && !d.getBoolean("appealed", false);
        return new ReporterStatus(
                reference,
                stage.status,
                stage.nextStep,
                outcome,
                appealUntil,
                messages,
                files,
                meetings,
                letters,
                stage != Stage.ERASED,
                appealOutcome,
                mayAppeal,
                "OPEN".equals(d.getString("checkIn")) && stage != Stage.ERASED,
                d.getBoolean("consentToShare", false),
                d.getString("type") == null ? null : ReportType.valueOf(d.getString("type")),
                d.getString("organisation"),
                d.getBoolean("monitoringReturned", false),
                stage.name(),
                decided ? Outcome.valueOf(d.getString("outcome")) : null,
                d.getString("appealOutcome") == null ? null : AppealOutcome.valueOf(d.getString("appealOutcome")),
                d.getString("language"));
    }

    /** What the reporter is told of a case erased since their page was shown (the view may not have caught up). */
    public static ReporterStatus erased(String reference) {
        return new ReporterStatus(
                reference,
                Stage.ERASED.status,
                Stage.ERASED.nextStep,
                null,
                null,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                false,
                null,
                false,
                false,
                false,
                null,
                null,
                true,
                Stage.ERASED.name(),
                null,
                null,
                null);
    }

    private String text(String sealed) {
        return sealed == null ? null : keys.open(sealed).orElse(null);
    }
}
