package haven.query.access;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import haven.infra.council.Partnership;
import haven.infra.privacy.DerivedKey;
import haven.infra.privacy.PersonalDataKeys;
import haven.infra.security.Staff;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Who read which case, when and why; who was refused; who broke the glass. Written once and never
 * changed: this class only inserts and finds, and no endpoint edits or deletes (in production, give
 * the service's database user only insert and find on {@code access_log}). A break-glass reason is
 * sealed with the case's key, so it is erased with the case's personal data; who read it and when
 * survive.
 *
 * <p>The entries form a chain: entry n carries a keyed hash (HMAC-SHA256 under a key derived from
 * the master key) of its own fields and of entry n - 1's hash, and {@code access_log_head} holds
 * the last. Removing or changing an entry breaks the chain from there on, and someone with the
 * database but not the master key cannot mend it; {@link #verify} walks it. Entries are numbered by
 * their {@code _id}, so two instances appending at once cannot both take a number: the loser reads
 * the new head and tries again.
 */
@Component
public class AccessLog {

    static final String COLLECTION = "access_log";
    static final String HEAD = "access_log_head";
    private static final String GENESIS = "haven access log";

    /** Which part of a case was asked for. */
    public enum View {
        CASE_FILE,
        TIMELINE,
        RECORD,
        /** everything, into the archive an organisation takes with it when it leaves the partnership */
        ARCHIVE,
        /** an action's description, in its owner's list of actions */
        ACTIONS,
        /** an evidence file, downloaded */
        EVIDENCE
    }

    /** Why the reader was allowed to read it. */
    public enum Basis {
        ASSIGNED_CASEWORKER,
        TEAM_MANAGER,
        BREAK_GLASS,
        /** the officer of an organisation leaving the partnership exported its cases */
        ORGANISATION_LEAVING,
        /** the owner of an action agreed on the case read what it is */
        ACTION_OWNER
    }

    /** What happened: a read, a read refused on need to know, or emergency access granted. */
    public enum Outcome {
        READ,
        REFUSED,
        BREAK_GLASS_GRANTED
    }

    public record Entry(
            long number,
            Instant at,
            String staff,
            String caseId,
            Outcome outcome,
            View view,
            Basis basis,
            String reason) {}

    /** One page of entries, newest first. */
    public record Page(List<Entry> entries, int page, int size) {}

    /** The chain walked from its first entry: intact, or where it first breaks. */
    public record Verification(boolean intact, long entries, Long firstBrokenEntry, String problem, String headHash) {}

    private final MongoCollection<Document> log;
    private final MongoCollection<Document> head;
    private final PersonalDataKeys keys;
    private final Partnership partnership;
    private final Clock clock;
    private final SecretKeySpec chainKey;

    AccessLog(
            MongoDatabase havenDatabase,
            PersonalDataKeys keys,
            Partnership partnership,
            Clock clock,
            @Value("${haven.privacy.master-key:}") String masterKey) {
        this.partnership = partnership;
        this.log = havenDatabase.getCollection(COLLECTION);
        this.head = havenDatabase.getCollection(HEAD);
        this.keys = keys;
        this.clock = clock;
        this.chainKey = DerivedKey.forPurpose(masterKey, "haven access log chain v1");
    }

    /** A read of a case of the reader's own organisation (need to know allows no other). */
    public void read(Staff reader, String caseId, View view, Basis basis, String sealedReason) {
        append(reader, caseId, reader.organisation(), Outcome.READ, view, basis, sealedReason);
    }

    /**
     * A case that was asked for and answered "no such case" (not theirs to see, or excluded), kept
     * for {@code organisation}'s data protection officer: the case's, or the reader's when there is none.
     */
    public void refused(Staff reader, String caseId, View view, String organisation) {
        append(reader, caseId, organisation, Outcome.REFUSED, view, null, null);
    }

    public void glassBroken(Staff reader, String caseId, String sealedReason) {
        append(
                reader,
                caseId,
                reader.organisation(),
                Outcome.BREAK_GLASS_GRANTED,
                null,
                Basis.BREAK_GLASS,
                sealedReason);
    }

    private void append(
            Staff reader,
            String caseId,
            String organisation,
            Outcome outcome,
            View view,
            Basis basis,
            String sealedReason) {
        Date at = Date.from(clock.instant());
        while (true) {
            Document last = head.find(eq("_id", HEAD)).first();
            long number = last == null ? 1 : last.getLong("number") + 1;
            String previous = last == null ? GENESIS : last.getString("hash");
            var entry = new Document("_id", number)
                    .append("at", at)
                    .append("staff", reader.id())
                    .append("caseId", caseId)
                    .append("outcome", outcome.name())
                    .append("view", view == null ? null : view.name())
                    .append("basis", basis == null ? null : basis.name())
                    .append("reason", sealedReason)
                    .append("organisation", organisation)
                    .append("previous", previous);
            entry.append("hash", hash(entry));
            try {
                log.insertOne(entry);
                advanceHead(number, entry.getString("hash"));
                return;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                // another instance took this number; it may have stopped before moving the head on
                Document taken = log.find(eq("_id", number)).first();
                advanceHead(number, taken.getString("hash"));
            }
        }
    }

    /** Moves the head to entry {@code number} unless it is already there or beyond. */
    private void advanceHead(long number, String hash) {
        try {
            head.replaceOne(
                    and(eq("_id", HEAD), Filters.lt("number", number)),
                    new Document("_id", HEAD).append("number", number).append("hash", hash),
                    new ReplaceOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e; // a duplicate is a head already at or past this entry: nothing to do
            }
        }
    }

    /** Walks every entry from the first: each must follow the one before, hash as written, and end at the head. */
    public Verification verify() {
        Document last = head.find(eq("_id", HEAD)).first();
        String headHash = last == null ? null : last.getString("hash");
        long expected = 1;
        String previous = GENESIS;
        for (Document entry : log.find().sort(Sorts.ascending("_id"))) {
            if (!(entry.get("_id") instanceof Long number)) {
                return broken(expected - 1, expected, "an entry that is not part of the chain", headHash);
            }
            if (number != expected) {
                return broken(expected - 1, expected, "entry " + expected + " is missing", headHash);
            }
            if (!previous.equals(entry.getString("previous")) || !hash(entry).equals(entry.getString("hash"))) {
                return broken(expected - 1, number, "entry " + number + " was changed", headHash);
            }
            previous = entry.getString("hash");
            expected++;
        }
        long entries = expected - 1;
        if (last != null && !(last.getLong("number") == entries && previous.equals(headHash))) {
            return broken(entries, entries + 1, "entries after " + entries + " were removed", headHash);
        }
        return new Verification(true, entries, null, null, headHash);
    }

    private static Verification broken(long intactEntries, long at, String problem, String headHash) {
        return new Verification(false, intactEntries, at, problem, headHash);
    }

    /**
     * Each field with its length first, so no two different entries read alike. An entry's
     * organisation is hashed when it has one: entries from before partnerships keep their hashes.
     */
    private String hash(Document entry) {
        var fields = new ByteArrayOutputStream();
        var values = new ArrayList<Object>(List.of(
                entry.get("_id"),
                entry.getDate("at").getTime(),
                entry.get("staff"),
                Objects.toString(entry.get("caseId"), ""),
                entry.get("outcome"),
                Objects.toString(entry.get("view"), ""),
                Objects.toString(entry.get("basis"), ""),
                Objects.toString(entry.get("reason"), ""),
                entry.get("previous")));
        if (entry.containsKey("organisation")) {
            values.add(Objects.toString(entry.get("organisation"), ""));
        }
        for (Object value : values) {
            byte[] bytes = String.valueOf(value).getBytes(StandardCharsets.UTF_8);
            fields.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            fields.writeBytes(bytes);
        }
        return HexFormat.of().formatHex(DerivedKey.hmac(chainKey, fields.toByteArray()));
    }

    /**
     * An organisation's entries, newest first, filtered by case and by reader when given; an erased
     * reason reads as null. Entries from before partnerships name no organisation: the founder's.
     */
    public Page entries(String organisation, String caseId, String staff, int page, int size) {
        var filters = new ArrayList<Bson>();
        filters.add(in("organisation", partnership.recordedAs(organisation)));
        if (caseId != null) {
            filters.add(eq("caseId", caseId));
        }
        if (staff != null) {
            filters.add(eq("staff", staff));
        }
        var entries = log.find(and(filters))
                .sort(Sorts.descending("_id"))
                .skip((int) Math.min(Integer.MAX_VALUE, (long) page * size))
                .limit(size)
                .map(this::entry)
                .into(new ArrayList<>());
        return new Page(entries, page, size);
    }

    /** An entry written before the chain (a string id, no outcome) was a read; it shows with number 0. */
    private Entry entry(Document d) {
        String reason = d.getString("reason");
        String view = d.getString("view");
        String basis = d.getString("basis");
        return new Entry(
                d.get("_id") instanceof Long number ? number : 0,
                d.getDate("at").toInstant(),
                d.getString("staff"),
                d.getString("caseId"),
                Outcome.valueOf(d.get("outcome", Outcome.READ.name())),
                view == null ? null : View.valueOf(view),
                basis == null ? null : Basis.valueOf(basis),
                reason == null ? null : keys.open(reason).orElse(null));
    }
}
