package haven.infra.backup;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.MongoDatabase;
import haven.infra.privacy.MasterKeys;
import haven.infra.privacy.PersonalDataKeys;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * Online backup of what cannot be rebuilt: the events, the position counter, the reporters'
 * access table, the wrapped case keys (without which every narrative reads as nothing) and the
 * chained access log, consistent as of one point in the event log. Works through the MongoDB
 * driver alone, so the same command serves the embedded store and a real MongoDB.
 *
 * <p>The backup point is the position counter read when the backup starts: every event below it
 * (waiting briefly for writes still in flight), and the access entries and keys of exactly those
 * cases. Projections, tokens, snapshots, dead letters and idempotency records are not copied:
 * after a restore the services rebuild them from the events.
 *
 * <p>The archive is a clear header ({@link ArchiveHeader}) and then gzip'd JSON lines (MongoDB
 * Extended JSON, so every type survives) sealed with AES-256-GCM in frames ({@link SealedFrames}),
 * written as they are read so memory does not grow with history (beyond one bit per position and
 * the set of case ids). It ends with a random sample of events whose sealed fields the restore
 * opens with the restored keys and compares.
 */
public final class Backup {

    static final int SAMPLE_SIZE = 200;
    private static final JsonWriterSettings JSON =
            JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();
    private static final int IN_FLIGHT_RETRIES = 20;

    private final MongoDatabase database;
    private final String masterKey;
    private final MasterKeys masterKeys;
    /** The source store's keys, opened with the master key given: checked before they are copied, and read for the sample. */
    private final PersonalDataKeys keys;

    private final PrintStream progress;
    private final Random random = new SecureRandom();

    /** A backup of the store whose case keys {@code masterKeys} wrap; the archive is sealed under the founder's. */
    public Backup(MongoDatabase database, MasterKeys masterKeys, PrintStream progress) {
        this.database = database;
        this.masterKey = masterKeys.founderKey();
        this.masterKeys = masterKeys;
        this.keys = new PersonalDataKeys(database, masterKeys, Duration.ofMinutes(1));
        this.progress = progress;
    }

    /**
     * Writes the archive, sealed under a key derived from the master key, or from {@code passphrase}
     * when one is given (a copy to keep off site); returns the backup point.
     */
    public long backup(Path archive, char[] passphrase) throws IOException, InterruptedException {
        Document counter = database.getCollection(Sections.COUNTERS)
                .find(eq("_id", "events"))
                .first();
        long point = counter == null ? 0 : counter.getLong("next");
        var header = ArchiveHeader.fresh(passphrase != null, masterKey, point);
        var file = new BufferedOutputStream(Files.newOutputStream(archive));
        byte[] context = header.write(file);
        var sealed = SealedFrames.sealing(file, header.key(masterKey, passphrase), context);
        var counts = new ArrayList<String>();
        try (var out =
                new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(sealed), StandardCharsets.UTF_8))) {
            var section = new Section(out, Sections.COUNTERS);
            section.add(new Document("_id", "events").append("next", point));
            section.end();
            Set<String> cases = new HashSet<>();
            var sample = new ArrayList<Document>(SAMPLE_SIZE);
            long events = writeEventsBefore(point, new Section(out, Sections.EVENTS), cases, sample);
            counts.add(String.format("%,d events", events));
            counts.add(String.format(
                    "%,d reporter entries", writeOfCases(Sections.REPORTER_ACCESS, "caseId", cases, out)));
            counts.add(String.format("%,d case keys", writeKeysOf(cases, new Section(out, Sections.KEYS))));
            writeOfCases(Sections.ERASED, "_id", cases, out); // no key is made for them again after a restore
            counts.add(String.format("%,d evidence files", writeEvidenceOf(cases, out)));
            counts.add(String.format("%,d access log entries", writeAccessLog(out)));
            writeSample(sample, new Section(out, Sections.SAMPLE));
        }
        progress.printf(
                "Backed up %s (backup point: position %,d) to %s, sealed with %s; it restores only with"
                        + " master key %s%n",
                String.join(", ", counts),
                point,
                archive,
                passphrase == null ? "a key derived from the master key" : "the passphrase",
                header.masterKey());
        return point;
    }

    /**
     * Streams the events below the backup point into the archive. A position reserved before the
     * point but not yet written is waited for briefly; one that never appears belonged to a write
     * that failed. Keeps a uniform random sample of the events that hold sealed fields.
     */
    private long writeEventsBefore(long point, Section section, Set<String> cases, List<Document> sample)
            throws IOException, InterruptedException {
        var events = database.getCollection(Sections.EVENTS);
        var seen = new BitSet();
        long[] sealedEvents = {0};
        for (Document event : events.find(lt("_id", point))) {
            record(event, seen, section, cases, sample, sealedEvents);
            if (section.count % 10_000 == 0) {
                progress.printf("\revents: %,d / %,d positions", seen.cardinality(), point);
            }
        }
        for (int attempt = 0; attempt < IN_FLIGHT_RETRIES && seen.cardinality() < point; attempt++) {
            Thread.sleep(100);
            var missing = new ArrayList<Long>();
            for (int p = seen.nextClearBit(0); p < point; p = seen.nextClearBit(p + 1)) {
                missing.add((long) p);
            }
            for (Document late : events.find(in("_id", missing))) {
                record(late, seen, section, cases, sample, sealedEvents);
            }
        }
        progress.printf("\revents: %,d / %,d positions%n", seen.cardinality(), point);
        return section.end();
    }

    private void record(
            Document event, BitSet seen, Section section, Set<String> cases, List<Document> sample, long[] sealedEvents)
            throws IOException {
        seen.set(Math.toIntExact(event.getLong("_id")));
        if (event.getBoolean("tombstone", false)) {
            return;
        }
        section.add(event);
        cases.add(event.getString("aggregateIdentifier"));
        if (!Sections.sealedIn(event).isEmpty()) {
            long n = ++sealedEvents[0]; // reservoir sampling: each such event is kept with equal chance
            if (sample.size() < SAMPLE_SIZE) {
                sample.add(event);
            } else if (random.nextLong(n) < SAMPLE_SIZE) {
                sample.set(random.nextInt(SAMPLE_SIZE), event);
            }
        }
    }

    private long writeOfCases(String collection, String caseField, Set<String> cases, Writer out) throws IOException {
        var section = new Section(out, collection);
        for (Document entry : database.getCollection(collection).find()) {
            if (cases.contains(entry.getString(caseField))) {
                section.add(entry);
            }
        }
        return section.end();
    }

    /** Refuses to make an archive whose keys the master key given could not open again. */
    private long writeKeysOf(Set<String> cases, Section section) throws IOException {
        for (Document key : database.getCollection(Sections.KEYS).find()) {
            if (!keys.unwraps(key)) {
                throw new ArchiveRefused("The master key given as " + masterKeys.settingFor(key.getString("org"))
                        + " does not open this store's case keys; back up with the master keys the services use.");
            }
            if (cases.contains(PersonalDataKeys.caseOf(key.getString("_id")))) {
                section.add(key);
            }
        }
        return section.end();
    }

    /**
     * The evidence files of the cases backed up, sealed as they are stored, then their chunks. A file
     * is stored before the event that lists it, and its chunks before its file entry, so every file
     * an archived event lists is here whole.
     */
    private long writeEvidenceOf(Set<String> cases, Writer out) throws IOException {
        var files = new Section(out, Sections.EVIDENCE_FILES);
        var fileIds = new HashSet<Object>();
        for (Document file : database.getCollection(Sections.EVIDENCE_FILES).find()) {
            if (cases.contains(file.getString("filename"))) {
                files.add(file);
                fileIds.add(file.get("_id"));
            }
        }
        long count = files.end();
        var chunks = new Section(out, Sections.EVIDENCE_CHUNKS);
        for (Document chunk : database.getCollection(Sections.EVIDENCE_CHUNKS).find()) {
            if (fileIds.contains(chunk.get("files_id"))) {
                chunks.add(chunk);
            }
        }
        chunks.end();
        return count;
    }

    /** The chain up to the head as it is now, so the restored log verifies (entries after it are newer). */
    private long writeAccessLog(Writer out) throws IOException {
        Document head = database.getCollection(Sections.ACCESS_LOG_HEAD).find().first();
        long last = head == null ? 0 : head.getLong("number");
        var entries = new Section(out, Sections.ACCESS_LOG);
        for (Document entry : database.getCollection(Sections.ACCESS_LOG).find()) {
            // entries from before the chain have string ids and are kept as they are
            if (!(entry.get("_id") instanceof Long number) || number <= last) {
                entries.add(entry);
            }
        }
        long count = entries.end();
        var heads = new Section(out, Sections.ACCESS_LOG_HEAD);
        if (head != null) {
            heads.add(head);
        }
        heads.end();
        return count;
    }

    /** Digests of what the sampled events' sealed fields read now; an erased case's events are left out. */
    private void writeSample(List<Document> sample, Section section) throws IOException {
        var sampleKey = ArchiveHeader.sampleKey(masterKey);
        for (Document event : sample) {
            var digest = Sections.digestOf(event, keys, sampleKey);
            if (digest.isPresent()) {
                section.add(new Document("position", event.getLong("_id")).append("digest", digest.get()));
            }
        }
        section.end();
    }

    /** One collection in the archive: a header line, a document per line, an end line with the count. */
    private static final class Section {
        private final Writer out;
        private final String collection;
        private long count;

        Section(Writer out, String collection) throws IOException {
            this.out = out;
            this.collection = collection;
            line(new Document("collection", collection).toJson());
        }

        void add(Document document) throws IOException {
            line(document.toJson(JSON));
            count++;
        }

        long end() throws IOException {
            line(new Document("end", collection).append("count", count).toJson());
            return count;
        }

        private void line(String text) throws IOException {
            out.write(text);
            out.write('\n');
        }
    }
}
