package haven.query.record;

import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import haven.events.ActionAgreed;
import haven.events.ActionCompleted;
import haven.events.AppealDecided;
import haven.events.AppealHearerAppointed;
import haven.events.AppealLodged;
import haven.events.CaseId;
import haven.events.CaseReferred;
import haven.events.CaseReopened;
import haven.events.CaseResolved;
import haven.events.CheckInAnswered;
import haven.events.CheckInSent;
import haven.events.ConsentToShareChanged;
import haven.events.EvidenceAttached;
import haven.events.InvestigationNoteAdded;
import haven.events.LetterSent;
import haven.events.LocationType;
import haven.events.MeetingAdjourned;
import haven.events.MeetingNotesRecorded;
import haven.events.MeetingNotesShared;
import haven.events.MeetingScheduled;
import haven.events.MessageFromReporterReceived;
import haven.events.MessageToReporterSent;
import haven.events.Motivation;
import haven.events.PersonalDataErased;
import haven.events.PoliceReportRecorded;
import haven.events.RedactionMade;
import haven.events.ReferralReceived;
import haven.events.ReportRecordedOnBehalf;
import haven.events.ReportSubmitted;
import haven.events.RespondentRecorded;
import haven.events.RespondentStepTaken;
import haven.infra.eventstore.BatchWrites;
import haven.infra.privacy.PersonalDataKeys;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * What those working on a case read: the report as it was made, the investigation notes, the
 * agreed actions, the messages both ways, the evidence files' details and the resolution. Every free text and the reporter's
 * details are kept sealed with the case's keys, so erasing the case erases them here too.
 * Entries are keyed by their own ids, so a redelivered event rewrites what it wrote.
 */
@Component
@ProcessingGroup("case-record")
class CaseRecordProjection {

    static final String COLLECTION = "case_records";
    /** Each member of staff's actions, as "caseId/actionId", by staff id: their list is one key lookup. */
    static final String BY_OWNER = "actions_by_owner";

    static final String CASE_TEAM = "case team";
    static final String REPORTER = "reporter";

    private final MongoCollection<Document> records;
    private final MongoCollection<Document> byOwner;
    private final PersonalDataKeys keys;

    CaseRecordProjection(MongoDatabase havenDatabase, PersonalDataKeys keys) {
        this.records = havenDatabase.getCollection(COLLECTION);
        this.byOwner = havenDatabase.getCollection(BY_OWNER);
        this.keys = keys;
    }

    @EventHandler
    void on(ReportSubmitted e, @Timestamp Instant at) {
        String reporterKey = PersonalDataKeys.keyId(e.caseId().value(), REPORTER);
        var report = reported(at, e.occurredOn(), e.locationType(), e.motivations())
                .append("area", e.area())
                .append("reporterRole", name(e.reporterRole()))
                .append("anonymous", e.anonymous())
                .append("contactPreference", name(e.contactPreference()))
                .append("narrative", seal(e.caseId(), e.narrative()))
                .append(
                        "namedParties",
                        e.namedParties() == null || e.namedParties().isEmpty()
                                ? null
                                : seal(e.caseId(), String.join("\n", e.namedParties())))
                .append("policeInformed", e.policeInformed())
                .append("consentToShare", e.consentToShare());
        if (e.reporter() != null) {
            report.append("reporterName", sealWith(reporterKey, e.reporter().name()))
                    .append("reporterEmail", sealWith(reporterKey, e.reporter().email()))
                    .append("reporterPhone", sealWith(reporterKey, e.reporter().phone()));
        }
        update(e.caseId(), set("report", report));
    }

    /** Recorded for the person by someone else: how it reached Haven, who recorded it, whether they may be contacted. */
    @EventHandler
    void on(ReportRecordedOnBehalf e) {
        update(
                e.caseId(),
                set(
                        "report.intake",
                        new Document("channel", e.channel().name())
                                .append("recordedBy", e.recordedBy())
                                .append("centre", e.centre())
                                .append("recorderMayBeContacted", e.recorderMayBeContacted())));
    }

    /** A referral holds only what the partner shared: its categories and its narrative, hidden passages masked. */
    @EventHandler
    void on(ReferralReceived e, @Timestamp Instant at) {
        var report = reported(at, e.occurredOn(), e.locationType(), e.motivations())
                .append("anonymous", true)
                .append("narrative", seal(e.caseId(), e.narrative()))
                .append("sharedNotes", sealAll(e.caseId(), e.notes()))
                .append("referredFrom", e.from());
        update(e.caseId(), set("report", report));
    }

    /** What every report says of the incident, whoever holds it. */
    private static Document reported(
            Instant at, LocalDate occurredOn, LocationType locationType, Set<Motivation> motivations) {
        return new Document("submittedAt", Date.from(at))
                .append("occurredOn", occurredOn == null ? null : occurredOn.toString())
                .append("locationType", name(locationType))
                .append(
                        "motivations",
                        motivations == null
                                ? List.of()
                                : motivations.stream().map(Enum::name).sorted().toList());
    }

    @EventHandler
    void on(InvestigationNoteAdded e, @Timestamp Instant at) {
        update(
                e.caseId(),
                set(
                        "notes." + e.noteId(),
                        new Document("author", e.author())
                                .append("at", Date.from(at))
                                .append("text", seal(e.caseId(), e.text()))));
    }

    @EventHandler
    void on(ActionAgreed e, @Timestamp Instant at) {
        update(
                e.caseId(),
                set("actions." + e.actionId() + ".description", seal(e.caseId(), e.description())),
                set("actions." + e.actionId() + ".owner", e.owner()),
                set("actions." + e.actionId() + ".due", e.due().toString()),
                set("actions." + e.actionId() + ".agreedAt", Date.from(at)));
        // taken off when done; an action done before its event named the owner is left out by the record
        BatchWrites.current()
                .upsert(byOwner, e.owner(), Updates.addToSet("actions", ownedAction(e.caseId(), e.actionId())));
    }

    @EventHandler
    void on(ActionCompleted e, @Timestamp Instant at) {
        update(e.caseId(), set("actions." + e.actionId() + ".completedAt", Date.from(at)));
        if (e.owner() != null) {
            // so that the list is the owner's work to do, not every action they were ever given
            BatchWrites.current()
                    .upsert(byOwner, e.owner(), Updates.pull("actions", ownedAction(e.caseId(), e.actionId())));
        }
    }

    /** An entry of an owner's list in {@link #BY_OWNER}: the same for the action agreed and done. */
    static String ownedAction(CaseId caseId, String actionId) {
        return caseId.value() + "/" + actionId;
    }

    @EventHandler
    void on(MessageToReporterSent e, @Timestamp Instant at) {
        update(
                e.caseId(),
                set(
                        "messages." + e.messageId(),
                        new Document("from", CASE_TEAM)
                                .append("sender", e.sender())
                                .append("at", Date.from(at))
                                .append("text", seal(e.caseId(), e.text()))));
    }

    @EventHandler
    void on(MessageFromReporterReceived e, @Timestamp Instant at) {
        update(
                e.caseId(),
                set(
                        "messages." + e.messageId(),
                        new Document("from", REPORTER)
                                .append("at", Date.from(at))
                                .append("text", seal(e.caseId(), e.text()))));
    }

    /** The file's name sealed like any text; the file itself stays in the evidence store, sealed too. */
    @EventHandler
    void on(EvidenceAttached e, @Timestamp Instant at) {
        update(
                e.caseId(),
                set(
                        "evidence." + e.fileId(),
                        new Document("name", seal(e.caseId(), e.fileName()))
                                .append("type", e.contentType())
                                .append("size", e.size())
                                .append("addedBy", e.byReporter() ? REPORTER : e.addedBy())
                                .append("at", Date.from(at))));
    }

    @EventHandler
    void on(CaseResolved e, @Timestamp Instant at) {
        update(
                e.caseId(),
                set(
                        "resolution",
                        new Document("outcome", e.outcome().name())
                                .append("by", e.resolvedBy())
                                .append("at", Date.from(at))
                                .append("summary", seal(e.caseId(), e.summary()))));
    }

    @EventHandler
    void on(CaseReopened e) {
        update(e.caseId(), set("resolution", null));
    }

    /** A meeting: when and what it is plain; where, who attends and the companion's name sealed. */
    @EventHandler
    void on(MeetingScheduled e) {
        var companion = e.companion();
        update(
                e.caseId(),
                set(
                        "meetings." + e.meetingId(),
                        new Document("kind", e.kind().name())
                                .append("startsAt", e.startsAt().toString())
                                .append("place", seal(e.caseId(), e.place()))
                                .append(
                                        "attendees",
                                        e.attendees() == null || e.attendees().isEmpty()
                                                ? null
                                                : seal(e.caseId(), String.join("\n", e.attendees())))
                                .append("companionRole", companion == null ? null : name(companion.role()))
                                .append(
                                        "companionName",
                                        companion == null || companion.name() == null
                                                ? null
                                                : seal(e.caseId(), companion.name()))
                                .append("scheduledBy", e.scheduledBy())));
    }

    @EventHandler
    void on(MeetingAdjourned e) {
        update(
                e.caseId(),
                set("meetings." + e.meetingId() + ".adjournedFor", seal(e.caseId(), e.reason())),
                set(
                        "meetings." + e.meetingId() + ".resumesAt",
                        e.resumesAt() == null ? null : e.resumesAt().toString()));
    }

    @EventHandler
    void on(MeetingNotesRecorded e, @Timestamp Instant at) {
        update(
                e.caseId(),
                set("meetings." + e.meetingId() + ".notes", seal(e.caseId(), e.notes())),
                set("meetings." + e.meetingId() + ".notesBy", e.recordedBy()),
                set("meetings." + e.meetingId() + ".notesAt", Date.from(at)));
    }

    @EventHandler
    void on(MeetingNotesShared e) {
        update(e.caseId(), set("meetings." + e.meetingId() + ".shared", true));
    }

    @EventHandler
    void on(ConsentToShareChanged e) {
        update(e.caseId(), set("report.consentToShare", e.consent()));
    }

    @EventHandler
    void on(CheckInSent e, @Timestamp Instant at) {
        update(e.caseId(), set("checkIn", new Document("sentAt", Date.from(at))));
    }

    /** What the reporter said at the check-in, their words sealed. */
    @EventHandler
    void on(CheckInAnswered e, @Timestamp Instant at) {
        update(
                e.caseId(),
                set("checkIn.answeredAt", Date.from(at)),
                set("checkIn.victimised", e.victimised()),
                set("checkIn.details", e.details() == null ? null : seal(e.caseId(), e.details())));
    }

    @EventHandler
    void on(LetterSent e, @Timestamp Instant at) {
        update(
                e.caseId(),
                set(
                        "letters." + e.letterId(),
                        new Document("kind", e.kind().name())
                                .append("text", seal(e.caseId(), e.text()))
                                .append("sentBy", e.sentBy())
                                .append("at", Date.from(at))));
    }

    /** A copy made for sharing: its masked texts and why sealed, who made it plain. */
    @EventHandler
    void on(RedactionMade e, @Timestamp Instant at) {
        update(
                e.caseId(),
                set(
                        "redactions." + e.redactionId(),
                        new Document("narrative", seal(e.caseId(), e.narrative()))
                                .append("notes", sealAll(e.caseId(), e.notes()))
                                .append("maskedCharacters", e.maskedCharacters())
                                .append("reason", seal(e.caseId(), e.reason()))
                                .append("madeBy", e.madeBy())
                                .append("at", Date.from(at))));
    }

    /** A referral made: exactly what was shared, its texts sealed, kept for the referral bundle. */
    @EventHandler
    void on(CaseReferred e, @Timestamp Instant at) {
        update(
                e.caseId(),
                set(
                        "referrals." + e.referralId(),
                        reported(at, e.occurredOn(), e.locationType(), e.motivations())
                                .append("to", e.to())
                                .append("basis", e.basis().name())
                                .append("lawfulBasis", seal(e.caseId(), e.lawfulBasis()))
                                .append("redactionId", e.redactionId())
                                .append("type", name(e.type()))
                                .append("category", name(e.category()))
                                .append("narrative", seal(e.caseId(), e.sharedNarrative()))
                                .append("notes", sealAll(e.caseId(), e.sharedNotes()))
                                .append("maskedCharacters", e.maskedCharacters())
                                .append("by", e.referredBy())
                                .append("at", Date.from(at))));
    }

    /** The enum is sealed too: with the reference it identifies a police record of the reporter. */
    @EventHandler
    void on(PoliceReportRecorded e, @Timestamp Instant at) {
        update(
                e.caseId(),
                set(
                        "police",
                        new Document("crimeReference", seal(e.caseId(), e.crimeReference()))
                                .append(
                                        "classification",
                                        e.classification() == null
                                                ? null
                                                : seal(
                                                        e.caseId(),
                                                        e.classification().name()))
                                .append("by", e.recordedBy())
                                .append("at", Date.from(at))));
    }

    /** A person complained about: their relationship plain, their name and role sealed. */
    @EventHandler
    void on(RespondentRecorded e) {
        update(
                e.caseId(),
                set(
                        "respondents." + e.respondentId(),
                        new Document("name", seal(e.caseId(), e.name()))
                                .append("role", e.role() == null ? null : seal(e.caseId(), e.role()))
                                .append("relationship", e.relationship().name())
                                .append("recordedBy", e.recordedBy())
                                .append("steps", List.of())));
    }

    @EventHandler
    void on(RespondentStepTaken e) {
        update(
                e.caseId(),
                Updates.addToSet(
                        "respondents." + e.respondentId() + ".steps", e.step().name()));
    }

    /** The appeal against the current outcome: its grounds, who hears it, and its final decision. */
    @EventHandler
    void on(AppealLodged e, @Timestamp Instant at) {
        update(
                e.caseId(),
                set(
                        "appeal",
                        new Document("grounds", seal(e.caseId(), e.grounds()))
                                .append("lodgedBy", e.byReporter() ? REPORTER : e.lodgedBy())
                                .append("lodgedAt", Date.from(at))));
    }

    @EventHandler
    void on(AppealHearerAppointed e) {
        update(e.caseId(), set("appeal.hearer", e.hearer()));
    }

    @EventHandler
    void on(AppealDecided e, @Timestamp Instant at) {
        update(
                e.caseId(),
                set("appeal.outcome", e.outcome().name()),
                set("appeal.reasons", seal(e.caseId(), e.reasons())),
                set("appeal.decidedAt", Date.from(at)));
    }

    /** The texts here are sealed with the case's keys, now destroyed: stop using any cached copy of them. */
    @EventHandler
    void on(PersonalDataErased e) {
        keys.forget(e.caseId().value());
    }

    @ResetHandler
    void reset() {
        records.drop();
        byOwner.drop();
    }

    private List<String> sealAll(CaseId caseId, List<String> texts) {
        return texts == null
                ? List.of()
                : texts.stream()
                        .map(text -> seal(caseId, text))
                        .filter(Objects::nonNull)
                        .toList();
    }

    private String seal(CaseId caseId, String text) {
        return sealWith(caseId.value(), text);
    }

    /** Nothing to seal when the event's own key is already gone (a replay after erasure, or an erasure meanwhile). */
    private String sealWith(String keyId, String text) {
        return keys.sealUnlessErased(keyId, text);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private void update(CaseId caseId, Bson... changes) {
        BatchWrites.current().upsert(records, caseId.value(), combine(changes));
    }
}
