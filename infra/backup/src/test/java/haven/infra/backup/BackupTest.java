package haven.infra.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import haven.events.CaseId;
import haven.events.Category;
import haven.events.ContactPreference;
import haven.events.ErasureReason;
import haven.events.InvestigationNoteAdded;
import haven.events.LegalHoldPlaced;
import haven.events.LocationType;
import haven.events.MessageFromReporterReceived;
import haven.events.MessageToReporterSent;
import haven.events.Motivation;
import haven.events.PersonalDataErased;
import haven.events.ReportSubmitted;
import haven.events.ReportType;
import haven.events.Reporter;
import haven.events.ReporterRole;
import haven.infra.embedded.EmbeddedStore;
import haven.infra.eventstore.HavenEventStorageEngine;
import haven.infra.eventstore.PersonalDataSerializer;
import haven.infra.privacy.Aead;
import haven.infra.privacy.EvidenceFiles;
import haven.infra.privacy.MasterKeys;
import haven.infra.privacy.PersonalDataKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupTest {

    private static final String MASTER_KEY = Base64.getEncoder().encodeToString(Aead.newKey());
    private static final String OTHER_MASTER_KEY = Base64.getEncoder().encodeToString(Aead.newKey());
    private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();

    @Test
    void aBackupTakenWhileReportsArriveRestoresEveryPersonalFieldExactlyUnderTheSameMasterKey(@TempDir Path dir)
            throws Exception {
        Path archive = dir.resolve("haven.backup");
        try (var source = EmbeddedStore.persistent(dir.resolve("source"), 0);
                var sourceClient = MongoClients.create(source.uri("haven"))) {
            MongoDatabase sourceDb = sourceClient.getDatabase("haven");
            var history = new History(sourceDb);
            for (int i = 0; i < 300; i++) {
                history.caseWorkedOn(i);
            }
            CaseId held = history.caseWorkedOn(300);
            byte[] photo = new byte[600_000]; // three chunks
            new java.util.Random(3).nextBytes(photo);
            new EvidenceFiles(sourceDb, history.keys).store(held.value(), "photo-1", photo);
            history.append(held, new LegalHoldPlaced(held, "Tribunal claim 2401234/2026", "dpo.smith"));
            CaseId erased = history.caseWorkedOn(301);
            history.append(erased, new PersonalDataErased(erased, ErasureReason.ERASURE_REQUEST, "dpo.smith"));
            history.keys.destroy(erased.value());
            sourceDb.getCollection("access_log")
                    .insertOne(new Document("_id", 1L)
                            .append("staff", "mgr.jones")
                            .append("caseId", held.value())
                            .append("hash", "h1"));
            sourceDb.getCollection("access_log_head")
                    .insertOne(new Document("_id", "head").append("number", 1L).append("hash", "h1"));

            var arriving = new AtomicBoolean(true);
            var more = new AtomicInteger(1000);
            var writer = new Thread(() -> {
                while (arriving.get()) {
                    history.caseWorkedOn(more.getAndIncrement());
                }
            });
            writer.start();
            while (more.get() < 1010) {
                Thread.onSpinWait(); // reports are arriving before the backup starts
            }

            long point = new Backup(sourceDb, MasterKeys.single(MASTER_KEY), quiet()).backup(archive, null);

            int atBackupEnd = more.get();
            while (more.get() < atBackupEnd + 10) {
                Thread.onSpinWait(); // and after it ends
            }
            arriving.set(false);
            writer.join();
            assertThat(sourceDb.getCollection("events").countDocuments())
                    .as("reports kept arriving")
                    .isGreaterThan(point);
            assertThat(Files.readString(archive, StandardCharsets.ISO_8859_1))
                    .as("sealed, not readable")
                    .doesNotContain("sealed:v1")
                    .doesNotContainPattern("HV-[0-9a-f]{8}") // three bytes alone turn up in ciphertext by chance
                    .doesNotContain("payload");

            try (var target = EmbeddedStore.persistent(dir.resolve("restored"), 0);
                    var targetClient = MongoClients.create(target.uri("haven"))) {
                MongoDatabase restored = targetClient.getDatabase("haven");
                var printed = new ByteArrayOutputStream();
                new Restore(restored, Optional.of(MasterKeys.single(MASTER_KEY)), new PrintStream(printed))
                        .restore(archive, () -> null);

                var expected = sourceDb.getCollection("events")
                        .find(Filters.and(Filters.lt("_id", point), Filters.ne("tombstone", true)))
                        .sort(Sorts.ascending("_id"))
                        .into(new ArrayList<>());
                var actual = restored.getCollection("events")
                        .find()
                        .sort(Sorts.ascending("_id"))
                        .into(new ArrayList<>());
                assertThat(actual).hasSizeGreaterThan(300 * 4).isEqualTo(expected);
                var restoredHistory = new History(restored);
                var readBefore = expected.stream().map(history::read).toList();
                assertThat(actual.stream().map(restoredHistory::read).toList()).isEqualTo(readBefore);
                assertThat(readBefore)
                        .as("personal data that was readable is readable again, not null = null")
                        .filteredOn(e -> e instanceof ReportSubmitted r && r.narrative() != null)
                        .hasSizeGreaterThan(300);
                assertThat(readBefore)
                        .filteredOn(e ->
                                e instanceof ReportSubmitted r && r.caseId().equals(erased))
                        .singleElement()
                        .satisfies(e -> assertThat(((ReportSubmitted) e).narrative())
                                .as("erased stays erased")
                                .isNull());
                assertThat(readBefore).contains(new LegalHoldPlaced(held, "Tribunal claim 2401234/2026", "dpo.smith"));

                var cases = new HashSet<String>();
                expected.forEach(e -> cases.add(e.getString("aggregateIdentifier")));
                assertThat(sorted(restored, "reporter_access"))
                        .isEqualTo(sourceDb.getCollection("reporter_access")
                                .find(Filters.in("caseId", cases))
                                .sort(Sorts.ascending("_id"))
                                .into(new ArrayList<>()));
                assertThat(sorted(restored, "personal_data_keys"))
                        .isNotEmpty()
                        .allSatisfy(key -> assertThat(cases).contains(PersonalDataKeys.caseOf(key.getString("_id"))));
                assertThat(restored.getCollection("personal_data_keys")
                                .find(Filters.eq("_id", erased.value()))
                                .first())
                        .isNull();
                assertThat(new PersonalDataKeys(restored, MASTER_KEY, Duration.ofSeconds(1)).isErased(erased.value()))
                        .as("an erased case still takes no new key")
                        .isTrue();
                assertThat(new EvidenceFiles(
                                        restored, new PersonalDataKeys(restored, MASTER_KEY, Duration.ofSeconds(1)))
                                .open(held.value(), "photo-1"))
                        .as("evidence files come back whole, and open with the restored case key")
                        .hasValueSatisfying(read -> assertThat(read).isEqualTo(photo));
                assertThat(sorted(restored, "access_log")).isEqualTo(sorted(sourceDb, "access_log"));
                assertThat(restored.getCollection("event_counters")
                                .find()
                                .first()
                                .getLong("next"))
                        .isEqualTo(point);
                assertThat(printed.toString()).contains("Restore verified").contains("sampled events reads exactly");

                assertThatThrownBy(() -> new Restore(restored, Optional.of(MasterKeys.single(MASTER_KEY)), quiet())
                                .restore(archive, () -> null))
                        .hasMessageContaining("restore only into an empty store");
            }
        }
    }

    @Test
    void anArchiveIsRefusedUnderAnotherMasterKeyWithOneLineNamingTheKeyItNeedsAndNothingIsWritten(@TempDir Path dir)
            throws Exception {
        Path archive = backupOfTenCases(dir, null);
        String needed = haven.infra.privacy.MasterKey.fingerprint(MASTER_KEY);
        try (var store = EmbeddedStore.inMemory();
                var client = MongoClients.create(store.uri("haven"))) {
            var database = client.getDatabase("haven");
            assertThatThrownBy(() -> new Restore(database, Optional.of(MasterKeys.single(OTHER_MASTER_KEY)), quiet())
                            .restore(archive, () -> null))
                    .isInstanceOf(ArchiveRefused.class)
                    .hasMessage("This archive needs master key " + needed
                            + " (the one it was made under); HAVEN_MASTER_KEY is "
                            + haven.infra.privacy.MasterKey.fingerprint(OTHER_MASTER_KEY)
                            + ". Set HAVEN_MASTER_KEY to the key the backup was made with.");
            assertThatThrownBy(() -> new Restore(database, Optional.empty(), quiet()).restore(archive, () -> null))
                    .hasMessage("This archive needs master key " + needed
                            + " (the one it was made under): set HAVEN_MASTER_KEY to it.");
            assertThat(database.listCollectionNames().into(new ArrayList<>())).isEmpty();
        }
    }

    @Test
    void anAlteredCutOrForeignArchiveIsRefusedBeforeAnythingIsWritten(@TempDir Path dir) throws Exception {
        Path archive = backupOfTenCases(dir, null);
        byte[] bytes = Files.readAllBytes(archive);
        byte[] flipped = bytes.clone();
        flipped[bytes.length / 2] ^= 1;
        byte[] cut = Arrays.copyOf(bytes, bytes.length - 100);
        byte[] header = new String(bytes, StandardCharsets.ISO_8859_1)
                .replaceFirst("\"point\": \\d+", "\"point\": 1")
                .getBytes(StandardCharsets.ISO_8859_1);
        var plain = new ByteArrayOutputStream();
        try (var gzip = new GZIPOutputStream(plain)) {
            gzip.write("HAVEN-BACKUP 2\n{\"collection\": \"events\"}\n".getBytes(StandardCharsets.UTF_8));
        }
        for (var refused : List.of(flipped, cut, header, plain.toByteArray(), "not an archive\n".getBytes())) {
            Path bad = dir.resolve("bad");
            Files.write(bad, refused);
            try (var store = EmbeddedStore.inMemory();
                    var client = MongoClients.create(store.uri("haven"))) {
                var database = client.getDatabase("haven");
                assertThatThrownBy(() -> new Restore(database, Optional.of(MasterKeys.single(MASTER_KEY)), quiet())
                                .restore(bad, () -> null))
                        .isInstanceOf(ArchiveRefused.class);
                assertThat(database.listCollectionNames().into(new ArrayList<>()))
                        .isEmpty();
            }
        }
    }

    @Test
    void anOffSiteArchiveSealedWithAPassphraseOpensOnlyWithItAndStillNeedsTheMasterKey(@TempDir Path dir)
            throws Exception {
        Path archive = backupOfTenCases(dir, PASSPHRASE);
        try (var store = EmbeddedStore.inMemory();
                var client = MongoClients.create(store.uri("haven"))) {
            var database = client.getDatabase("haven");
            assertThatThrownBy(() -> new Restore(database, Optional.of(MasterKeys.single(MASTER_KEY)), quiet())
                            .restore(archive, "wrong horse battery staple"::toCharArray))
                    .isInstanceOf(ArchiveRefused.class)
                    .hasMessageContaining("wrong passphrase");
            assertThatThrownBy(() -> new Restore(database, Optional.of(MasterKeys.single(MASTER_KEY)), quiet())
                            .restore(archive, () -> null))
                    .hasMessageContaining("sealed with a passphrase");
            assertThatThrownBy(() -> new Restore(database, Optional.of(MasterKeys.single(OTHER_MASTER_KEY)), quiet())
                            .restore(archive, PASSPHRASE::clone))
                    .hasMessageContaining("This archive needs master key");
            assertThat(database.listCollectionNames().into(new ArrayList<>())).isEmpty();

            new Restore(database, Optional.of(MasterKeys.single(MASTER_KEY)), quiet())
                    .restore(archive, PASSPHRASE::clone);
            assertThat(database.getCollection("events").countDocuments()).isEqualTo(40);
        }
    }

    @Test
    void restoreWritesOnlyTheCollectionsItKnowsWhateverAnAuthenticArchiveNames(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("foreign.backup");
        var header = ArchiveHeader.fresh(false, MASTER_KEY, 0);
        try (var file = Files.newOutputStream(archive)) {
            byte[] context = header.write(file);
            try (var out = new GZIPOutputStream(SealedFrames.sealing(file, header.key(MASTER_KEY, null), context))) {
                out.write("""
                        {"collection": "events"}
                        {"end": "events", "count": 0}
                        {"collection": "system.users"}
                        {"_id": "admin", "pwd": "x"}
                        {"end": "system.users", "count": 1}
                        """.getBytes(StandardCharsets.UTF_8));
            }
        }
        try (var store = EmbeddedStore.inMemory();
                var client = MongoClients.create(store.uri("haven"))) {
            var database = client.getDatabase("haven");
            assertThatThrownBy(() -> new Restore(database, Optional.of(MasterKeys.single(MASTER_KEY)), quiet())
                            .restore(archive, () -> null))
                    .isInstanceOf(ArchiveRefused.class)
                    .hasMessageContaining("a section restore does not know");
            assertThat(database.listCollectionNames().into(new ArrayList<>())).isEmpty();
        }
    }

    private static Path backupOfTenCases(Path dir, char[] passphrase) throws Exception {
        Path archive = dir.resolve("ten.backup");
        try (var store = EmbeddedStore.inMemory();
                var client = MongoClients.create(store.uri("haven"))) {
            var database = client.getDatabase("haven");
            var history = new History(database);
            for (int i = 0; i < 10; i++) {
                history.caseWorkedOn(i);
            }
            new Backup(database, MasterKeys.single(MASTER_KEY), quiet()).backup(archive, passphrase);
        }
        return archive;
    }

    private static List<Document> sorted(MongoDatabase database, String collection) {
        return database.getCollection(collection)
                .find()
                .sort(Sorts.ascending("_id"))
                .into(new ArrayList<>());
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }

    /** Cases written as the command side writes them: reporter access first, events sealed by the real serializer. */
    private static final class History {
        private final MongoDatabase database;
        final PersonalDataKeys keys;
        private final PersonalDataSerializer serializer;
        private final HavenEventStorageEngine engine;

        History(MongoDatabase database) {
            this.database = database;
            this.keys = new PersonalDataKeys(database, MASTER_KEY, Duration.ofSeconds(1));
            var json = new ObjectMapper().registerModule(new JavaTimeModule()).findAndRegisterModules();
            var jackson = JacksonSerializer.builder().objectMapper(json).build();
            this.serializer = new PersonalDataSerializer(jackson, keys, json);
            this.engine = HavenEventStorageEngine.builder()
                    .database(database)
                    .eventSerializer(serializer)
                    .snapshotSerializer(jackson)
                    .build();
        }

        CaseId caseWorkedOn(int n) {
            var caseId = new CaseId(UUID.randomUUID().toString());
            database.getCollection("reporter_access")
                    .insertOne(new Document("_id", "HV-" + caseId.value().substring(0, 8))
                            .append("caseId", caseId.value())
                            .append("receiptHash", "$2a$10$" + n));
            append(
                    caseId,
                    new ReportSubmitted(
                            caseId,
                            "HV-" + caseId.value().substring(0, 8),
                            "$2a$10$" + n,
                            ReportType.DIGNITY_AT_WORK,
                            Category.BULLYING,
                            LocalDate.of(2026, 11, 1),
                            LocationType.WORKPLACE,
                            "Basildon",
                            Set.of(Motivation.DISABILITY),
                            ReporterRole.VICTIM,
                            false,
                            new Reporter("Reporter " + n, "r" + n + "@example.org", "07700 900" + n),
                            ContactPreference.EMAIL,
                            "Narrative " + n + ": left out of meetings",
                            List.of("Named party " + n),
                            false,
                            true,
                            null));
            append(caseId, new InvestigationNoteAdded(caseId, "note-" + n, "Note " + n, "cw.patel"));
            append(caseId, new MessageToReporterSent(caseId, "to-" + n, "We are looking into it " + n, "cw.patel"));
            append(caseId, new MessageFromReporterReceived(caseId, "from-" + n, "Thank you " + n));
            return caseId;
        }

        private final java.util.Map<CaseId, Long> sequence = new java.util.concurrent.ConcurrentHashMap<>();

        void append(CaseId caseId, Object event) {
            long next = sequence.merge(caseId, 1L, Long::sum) - 1;
            engine.appendEvents(new GenericDomainEventMessage<>("Case", caseId.value(), next, event));
        }

        /** What the event reads as through this store's keys. */
        Object read(Document event) {
            return serializer.deserialize(new SimpleSerializedObject<>(
                    event.getString("payload"),
                    String.class,
                    event.getString("payloadType"),
                    event.getString("payloadRevision")));
        }
    }
}
