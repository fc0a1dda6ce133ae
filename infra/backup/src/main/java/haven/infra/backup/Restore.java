package haven.infra.backup;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoDatabase;
import haven.infra.backup.ArchiveHeader.KeyFrom;
import haven.infra.privacy.MasterKey;
import haven.infra.privacy.MasterKeys;
import haven.infra.privacy.PersonalDataKeys;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import org.bson.Document;

/**
 * Restores an archive into an empty store, in two passes: the first opens and authenticates all of
 * it, checks every section is one restore knows and every count, and unwraps every case key with
 * the master key, writing nothing; only then does the second write. Afterwards it counts what was
 * written and opens the archive's sample of sealed fields with the restored keys: "verified"
 * means the personal data reads exactly as it did when the backup was made.
 */
public final class Restore {

    private final MongoDatabase database;
    private final Optional<MasterKeys> masterKeys;
    private final PrintStream progress;

    /** A restore under the master keys the services will use: the archive's must be among them. */
    public Restore(MongoDatabase database, Optional<MasterKeys> masterKeys, PrintStream progress) {
        this.database = database;
        this.masterKeys = masterKeys;
        this.progress = progress;
    }

    /** The master key this archive needs, by fingerprint (what an operator is told to find). */
    public static String masterKeyOf(Path archive) throws IOException {
        try (var in = new BufferedInputStream(Files.newInputStream(archive))) {
            return ArchiveHeader.read(in).header().masterKey();
        }
    }

    /** Restores, or refuses with one line and writes nothing; {@code passphrase} is asked for only if the archive needs one. */
    public void restore(Path archive, Supplier<char[]> passphrase) throws IOException {
        String fingerprint = masterKeyOf(archive);
        MasterKeys keys = masterKeys.orElseThrow(() -> new ArchiveRefused("This archive needs master key " + fingerprint
                + " (the one it was made under): set HAVEN_MASTER_KEY to it."));
        String key = keys.founderKey();
        String given = MasterKey.fingerprint(key);
        if (!given.equals(fingerprint)) {
            throw new ArchiveRefused("This archive needs master key " + fingerprint + " (the one it was made under);"
                    + " HAVEN_MASTER_KEY is " + given + ". Set HAVEN_MASTER_KEY to the key the backup was made with.");
        }
        char[] secret = null;
        Map<String, Long> counts;
        List<Document> sample;
        try (var check = open(archive, key, passphrase)) {
            secret = check.passphrase;
            var checked = new Check(new PersonalDataKeys(database, keys, Duration.ofMinutes(1)), keys);
            read(check.lines, checked);
            counts = checked.counts;
            sample = checked.sample;
        }
        refuseUnlessEmpty();
        char[] again = secret;
        try (var write = open(archive, key, () -> again)) {
            read(write.lines, new Write());
        }
        verify(counts, sample, keys);
    }

    private void refuseUnlessEmpty() {
        for (String collection : Sections.COLLECTIONS) {
            if (database.getCollection(collection).find().first() != null) {
                throw new ArchiveRefused(
                        "The target already holds " + collection + "; restore only into an empty store.");
            }
        }
    }

    /** Counts, then the sample: each sampled event's sealed fields, opened with the restored keys, read as before. */
    private void verify(Map<String, Long> counts, List<Document> sample, MasterKeys masterKeys) {
        for (var count : counts.entrySet()) {
            long restored = database.getCollection(count.getKey()).countDocuments();
            if (restored != count.getValue()) {
                throw new IllegalStateException(
                        "Restore NOT verified: " + count.getKey() + " holds " + restored + " of " + count.getValue());
            }
        }
        var keys = new PersonalDataKeys(database, masterKeys, Duration.ofMinutes(1));
        var sampleKey = ArchiveHeader.sampleKey(masterKeys.founderKey());
        for (Document expected : sample) {
            Document event = database.getCollection(Sections.EVENTS)
                    .find(eq("_id", expected.getLong("position")))
                    .first();
            Optional<String> digest;
            try {
                digest = event == null ? Optional.empty() : Sections.digestOf(event, keys, sampleKey);
            } catch (RuntimeException unopenable) {
                digest = Optional.empty();
            }
            if (!digest.equals(Optional.of(expected.getString("digest")))) {
                throw new IllegalStateException("Restore NOT verified: the personal data of the event at position "
                        + expected.getLong("position") + " does not read as it did when the backup was made.");
            }
        }
        progress.printf(
                "Restore verified: %,d events, %,d case keys, %,d reporter entries, %,d access log entries;"
                        + " the personal data of %,d sampled events reads exactly as backed up.%n",
                counts.get(Sections.EVENTS),
                counts.get(Sections.KEYS),
                counts.get(Sections.REPORTER_ACCESS),
                counts.get(Sections.ACCESS_LOG),
                sample.size());
        progress.println("Start Haven with the same master key: the services rebuild their views from the events.");
    }

    private record Opened(BufferedReader lines, char[] passphrase) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            lines.close();
        }
    }

    private static Opened open(Path archive, String key, Supplier<char[]> passphrase) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(archive));
        try {
            var read = ArchiveHeader.read(in);
            char[] secret = null;
            if (read.header().keyFrom() == KeyFrom.PASSPHRASE) {
                secret = passphrase.get();
                if (secret == null || secret.length == 0) {
                    throw new ArchiveRefused(
                            "This archive is sealed with a passphrase: give it in HAVEN_BACKUP_PASSPHRASE"
                                    + " or at the prompt.");
                }
            }
            var plain = SealedFrames.opening(in, read.header().key(key, secret), read.digest());
            return new Opened(new BufferedReader(new InputStreamReader(gunzip(plain), StandardCharsets.UTF_8)), secret);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static InputStream gunzip(InputStream plain) throws IOException {
        try {
            return new GZIPInputStream(plain);
        } catch (java.util.zip.ZipException notGzip) {
            throw new ArchiveRefused("The archive is damaged: its content cannot be read.");
        }
    }

    /** Walks the sections; a section restore does not know, a count that does not match, or a bad line is refused. */
    private static void read(BufferedReader in, Visitor visitor) throws IOException {
        try {
            String line;
            while ((line = in.readLine()) != null) {
                String collection = Document.parse(line).getString("collection");
                if (collection == null || !Sections.KNOWN.contains(collection)) {
                    throw new ArchiveRefused(
                            "The archive holds a section restore does not know; nothing was restored.");
                }
                long count = 0;
                while (!(line = in.readLine()).startsWith("{\"end\"")) {
                    visitor.document(collection, Document.parse(line));
                    count++;
                }
                Document end = Document.parse(line);
                if (!collection.equals(end.getString("end")) || ((Number) end.get("count")).longValue() != count) {
                    throw new ArchiveRefused("The archive is damaged: its " + collection + " section is incomplete.");
                }
                visitor.end(collection, count);
            }
        } catch (ArchiveRefused | UncheckedIOException e) {
            throw e;
        } catch (RuntimeException malformed) {
            throw new ArchiveRefused("The archive is damaged: a line cannot be read.");
        }
    }

    private interface Visitor {
        void document(String collection, Document document);

        void end(String collection, long count);
    }

    /** The first pass: writes nothing. */
    private static final class Check implements Visitor {
        private final PersonalDataKeys keys;
        private final MasterKeys masterKeys;
        final Map<String, Long> counts = new HashMap<>();
        final List<Document> sample = new ArrayList<>();

        Check(PersonalDataKeys keys, MasterKeys masterKeys) {
            this.keys = keys;
            this.masterKeys = masterKeys;
        }

        @Override
        public void document(String collection, Document document) {
            if (collection.equals(Sections.KEYS) && !keys.unwraps(document)) {
                throw new ArchiveRefused("A case key in the archive does not open with the master key given as "
                        + masterKeys.settingFor(document.getString("org")) + "; nothing was restored.");
            }
            if (collection.equals(Sections.SAMPLE)) {
                sample.add(document);
            }
        }

        @Override
        public void end(String collection, long count) {
            if (!collection.equals(Sections.SAMPLE)) {
                counts.merge(collection, count, Long::sum);
            }
        }
    }

    /** The second pass: inserts each known collection's documents in batches of a thousand. */
    private final class Write implements Visitor {
        private final List<Document> batch = new ArrayList<>(1000);
        private long written;

        @Override
        public void document(String collection, Document document) {
            if (collection.equals(Sections.SAMPLE)) {
                return;
            }
            batch.add(document);
            // an evidence chunk is up to 255 KB: a thousand of them would be a quarter of a gigabyte
            if (batch.size() == (collection.equals(Sections.EVIDENCE_CHUNKS) ? 16 : 1000)) {
                flush(collection);
                progress.printf("\r%s: %,d", collection, written);
            }
        }

        @Override
        public void end(String collection, long count) {
            flush(collection);
            if (!collection.equals(Sections.SAMPLE)) {
                progress.printf("\r%s: %,d%n", collection, written);
            }
            written = 0;
        }

        private void flush(String collection) {
            if (!batch.isEmpty()) {
                database.getCollection(collection).insertMany(batch);
                written += batch.size();
                batch.clear();
            }
        }
    }
}
