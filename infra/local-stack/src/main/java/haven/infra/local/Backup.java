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
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
 * <p>The archive is gzip'd JSON lines (MongoDB Extended JSON, so every type survives) ending in
 * a SHA-256 of everything before it; a restore checks it before writing anything.
 */
public final class Backup {

    static final String MAGIC = "HAVEN-BACKUP 1";
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
        List<Document> events = eventsBefore(point);
        Set<String> cases = new HashSet<>();
        events.forEach(e -> cases.add(e.getString("aggregateIdentifier")));
        List<Document> access = database.getCollection("reporter_access")
                .find().into(new ArrayList<>()).stream().filter(a -> cases.contains(a.getString("caseId"))).toList();

        var digest = sha256();
        var digesting = new DigestOutputStream(new GZIPOutputStream(Files.newOutputStream(archive)), digest);
        try (var out = new BufferedWriter(new OutputStreamWriter(digesting, StandardCharsets.UTF_8))) {
            line(out, MAGIC);
            write(out, "event_counters", List.of(new Document("_id", "events").append("next", point)));
            write(out, "events", events);
            write(out, "reporter_access", access);
            out.flush();
            // the trailer is outside the digest it states
            digesting.on(false);
            line(out, new Document("sha256", HexFormat.of().formatHex(digest.digest())).toJson());
        }
        progress.printf("Backed up %,d events and %,d reporter entries (backup point: position %,d) to %s%n",
                events.size(), access.size(), point, archive);
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
                String collection = header.getString("collection");
                long count = ((Number) header.get("count")).longValue();
                var target = database.getCollection(collection);
                var batch = new ArrayList<Document>(1000);
                for (long i = 1; i <= count; i++) {
                    batch.add(Document.parse(in.readLine()));
                    if (batch.size() == 1000 || i == count) {
                        target.insertMany(batch);
                        batch.clear();
                        progress.printf("\r%s: %,d / %,d", collection, i, count);
                    }
                }
                progress.println();
                if (target.countDocuments() != count) {
                    throw new IllegalStateException(collection + ": restored " + target.countDocuments() + " of " + count);
                }
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

    /**
     * Events below the backup point. A position reserved before the point but not yet written is
     * waited for briefly; one that never appears belonged to a write that failed.
     */
    private List<Document> eventsBefore(long point) throws InterruptedException {
        var events = database.getCollection("events");
        var found = new ArrayList<Document>();
        var missing = new TreeSet<Long>();
        for (long p = 0; p < point; p++) {
            missing.add(p);
        }
        for (Document event : events.find(lt("_id", point))) {
            missing.remove(event.getLong("_id"));
            found.add(event);
            if (found.size() % 10_000 == 0) {
                progress.printf("\revents: %,d / %,d", found.size(), point);
            }
        }
        for (int attempt = 0; attempt < IN_FLIGHT_RETRIES && !missing.isEmpty(); attempt++) {
            Thread.sleep(100);
            for (Document late : events.find(in("_id", missing))) {
                missing.remove(late.getLong("_id"));
                found.add(late);
            }
        }
        progress.printf("\revents: %,d / %,d positions%n", found.size(), point);
        found.removeIf(e -> e.getBoolean("tombstone", false));
        found.sort((a, b) -> Long.compare(a.getLong("_id"), b.getLong("_id")));
        return found;
    }

    private void write(Writer out, String collection, List<Document> documents) throws IOException {
        line(out, new Document("collection", collection).append("count", (long) documents.size()).toJson());
        for (Document document : documents) {
            line(out, document.toJson(JSON));
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
