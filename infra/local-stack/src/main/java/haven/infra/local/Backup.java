package haven.infra.local;

import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * Online backup and verified restore of what cannot be rebuilt: the events, the position counter
 * and the reporters' access table, consistent as of one point in the event log. Works through the
 * MongoDB driver alone, so the same commands serve the embedded store and a real MongoDB.
 *
 * <p>The backup point is the position counter read when the backup starts: every event below it
 * (waiting briefly for writes still in flight), and the reporter access of exactly those cases.
 * Projections, tokens, snapshots, dead letters and idempotency records are not copied: after a
 * restore the query-service rebuilds its views from the events.
 *
 * <p>The archive is gzip'd JSON lines (MongoDB Extended JSON, so every type survives), written
 * as it is read so memory does not grow with history, ending in a SHA-256 of everything before
 * it; a restore checks it before writing anything.
 */
public final class Backup {

    static final String MAGIC = "HAVEN-BACKUP 2";
    private static final JsonWriterSettings JSON = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();
    private static final int IN_FLIGHT_RETRIES = 20;

    private final MongoDatabase database;
    private final PrintStream progress;

    public Backup(MongoDatabase database, PrintStream progress) {
        this.database = database;
        this.progress = progress;
    }

    /** Writes the archive and returns the backup point (the position counter). */
    public long backup(Path archive) throws IOException, InterruptedException {
        Document counter = database.getCollection("event_counters").find(Filters.eq("_id", "events")).first();
        long point = counter == null ? 0 : counter.getLong("next");
        var digest = sha256();
        var digesting = new DigestOutputStream(new GZIPOutputStream(Files.newOutputStream(archive)), digest);
        long events;
        long access;
        try (var out = new BufferedWriter(new OutputStreamWriter(digesting, StandardCharsets.UTF_8))) {
            line(out, MAGIC);
            var section = new Section(out, "event_counters");
            section.add(new Document("_id", "events").append("next", point));
            section.end();
            Set<String> cases = new HashSet<>();
            events = writeEventsBefore(point, new Section(out, "events"), cases);
            access = writeAccessOf(cases, new Section(out, "reporter_access"));
            out.flush();
            // the trailer is outside the digest it states
            digesting.on(false);
            line(out, new Document("sha256", HexFormat.of().formatHex(digest.digest())).toJson());
        }
        progress.printf("Backed up %,d events and %,d reporter entries (backup point: position %,d) to %s%n",
                events, access, point, archive);
        return point;
    }

    /** Checks the archive's checksum, then restores it into an empty database and checks the counts. */
    public void restore(Path archive) throws IOException {
        if (database.getCollection("events").countDocuments() > 0) {
            throw new IllegalStateException("The target already holds events; restore only into an empty store.");
        }
        verify(archive);
        try (var in = reader(archive)) {
            in.readLine();
            String line;
            while ((line = in.readLine()) != null) {
                Document header = Document.parse(line);
                if (header.containsKey("sha256")) {
                    break;
                }
                restoreSection(in, header.getString("collection"));
            }
        }
        progress.println("Restore verified. Start Haven: the query-service rebuilds its views from the events.");
    }

    /** The archive's SHA-256 matches its content, or nothing is restored. */
    static void verify(Path archive) throws IOException {
        var digest = sha256();
        String stated = null;
        try (var in = reader(archive)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("{\"sha256\"")) {
                    stated = Document.parse(line).getString("sha256");
                    break;
                }
                digest.update((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        if (stated == null || !stated.equals(HexFormat.of().formatHex(digest.digest()))) {
            throw new IllegalStateException("The archive is damaged or incomplete: its checksum does not match.");
        }
    }

    private void restoreSection(BufferedReader in, String collection) throws IOException {
        var target = database.getCollection(collection);
        var batch = new ArrayList<Document>(1000);
        long restored = 0;
        String line;
        while (!(line = in.readLine()).startsWith("{\"end\"")) {
            batch.add(Document.parse(line));
            if (batch.size() == 1000) {
                target.insertMany(batch);
                restored += batch.size();
                batch.clear();
                progress.printf("\r%s: %,d", collection, restored);
            }
        }
        if (!batch.isEmpty()) {
            target.insertMany(batch);
            restored += batch.size();
        }
        long count = ((Number) Document.parse(line).get("count")).longValue();
        progress.printf("\r%s: %,d / %,d%n", collection, restored, count);
        if (restored != count || target.countDocuments() != count) {
            throw new IllegalStateException(collection + ": restored " + target.countDocuments() + " of " + count);
        }
    }

    /**
     * Streams the events below the backup point into the archive. A position reserved before the
     * point but not yet written is waited for briefly; one that never appears belonged to a write
     * that failed. Memory: one bit per position, not the events.
     */
    private long writeEventsBefore(long point, Section section, Set<String> cases)
            throws IOException, InterruptedException {
        var events = database.getCollection("events");
        var seen = new BitSet();
        for (Document event : events.find(lt("_id", point))) {
            record(event, seen, section, cases);
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
                record(late, seen, section, cases);
            }
        }
        progress.printf("\revents: %,d / %,d positions%n", seen.cardinality(), point);
        return section.end();
    }

    private static void record(Document event, BitSet seen, Section section, Set<String> cases) throws IOException {
        seen.set(Math.toIntExact(event.getLong("_id")));
        if (!event.getBoolean("tombstone", false)) {
            section.add(event);
            cases.add(event.getString("aggregateIdentifier"));
        }
    }

    private long writeAccessOf(Set<String> cases, Section section) throws IOException {
        for (Document entry : database.getCollection("reporter_access").find()) {
            if (cases.contains(entry.getString("caseId"))) {
                section.add(entry);
            }
        }
        return section.end();
    }

    /** One collection in the archive: a header line, a document per line, an end line with the count. */
    private static final class Section {
        private final Writer out;
        private final String collection;
        private long count;

        Section(Writer out, String collection) throws IOException {
            this.out = out;
            this.collection = collection;
            line(out, new Document("collection", collection).toJson());
        }

        void add(Document document) throws IOException {
            line(out, document.toJson(JSON));
            count++;
        }

        long end() throws IOException {
            line(out, new Document("end", collection).append("count", count).toJson());
            return count;
        }
    }

    private static void line(Writer out, String text) throws IOException {
        out.write(text);
        out.write('\n');
    }

    private static BufferedReader reader(Path archive) throws IOException {
        var in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(archive)),
                StandardCharsets.UTF_8));
        in.mark(64);
        if (!MAGIC.equals(in.readLine())) {
            in.close();
            throw new IllegalStateException("Not a Haven backup archive.");
        }
        in.reset();
        return in;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
