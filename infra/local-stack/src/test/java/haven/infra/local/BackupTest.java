package haven.infra.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import haven.infra.embedded.EmbeddedStore;
import haven.infra.eventstore.HavenEventStorageEngine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupTest {

    record Reported(String caseId) {
    }

    @Test
    void anOnlineBackupRestoresIntoAnEmptyStoreExactlyAsOfItsBackupPoint(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("haven.backup.gz");
        try (var source = EmbeddedStore.persistent(dir.resolve("source"), 0);
             var sourceClient = MongoClients.create(source.uri("haven"))) {
            MongoDatabase sourceDb = sourceClient.getDatabase("haven");
            var engine = engine(sourceDb);
            for (int i = 0; i < 3000; i++) {
                report(sourceDb, engine);
            }
            var arriving = new AtomicBoolean(true);
            var writer = new Thread(() -> {
                while (arriving.get()) {
                    report(sourceDb, engine);
                }
            });
            writer.start();
            Thread.sleep(200);

            long point = new Backup(sourceDb, quiet()).backup(archive);

            Thread.sleep(200);
            arriving.set(false);
            writer.join();
            long storedAfter = sourceDb.getCollection("events").countDocuments();
            assertThat(storedAfter).as("reports kept arriving during the backup").isGreaterThan(point);

            try (var target = EmbeddedStore.persistent(dir.resolve("restored"), 0);
                 var targetClient = MongoClients.create(target.uri("haven"))) {
                MongoDatabase restored = targetClient.getDatabase("haven");
                new Backup(restored, quiet()).restore(archive);

                List<Document> expectedEvents = sourceDb.getCollection("events")
                        .find(Filters.and(Filters.lt("_id", point), Filters.ne("tombstone", true)))
                        .sort(Sorts.ascending("_id")).into(new ArrayList<>());
                assertThat(restored.getCollection("events").find().sort(Sorts.ascending("_id")).into(new ArrayList<>()))
                        .hasSizeGreaterThanOrEqualTo(3000).isEqualTo(expectedEvents);
                var cases = new HashSet<String>();
                expectedEvents.forEach(e -> cases.add(e.getString("aggregateIdentifier")));
                assertThat(restored.getCollection("reporter_access").find().sort(Sorts.ascending("_id")).into(new ArrayList<>()))
                        .isEqualTo(sourceDb.getCollection("reporter_access").find(Filters.in("caseId", cases))
                                .sort(Sorts.ascending("_id")).into(new ArrayList<>()));
                assertThat(restored.getCollection("event_counters").find().first().getLong("next")).isEqualTo(point);

                assertThatThrownBy(() -> new Backup(restored, quiet()).restore(archive))
                        .hasMessageContaining("restore only into an empty store");
            }
        }
    }

    @Test
    void aDamagedArchiveIsRefusedBeforeAnythingIsWritten(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("haven.backup.gz");
        try (var store = EmbeddedStore.inMemory(); var client = MongoClients.create(store.uri("haven"))) {
            var database = client.getDatabase("haven");
            var engine = engine(database);
            for (int i = 0; i < 50; i++) {
                report(database, engine);
            }
            new Backup(database, quiet()).backup(archive);
        }
        Path damaged = dir.resolve("damaged.gz");
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(archive));
             var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(damaged))) {
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            out.write(text.replaceFirst("HV-", "HX-").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        try (var store = EmbeddedStore.inMemory(); var client = MongoClients.create(store.uri("haven"))) {
            var database = client.getDatabase("haven");
            assertThatThrownBy(() -> new Backup(database, quiet()).restore(damaged))
                    .hasMessageContaining("checksum does not match");
            assertThat(database.getCollection("events").countDocuments()).isZero();
        }
    }

    private static HavenEventStorageEngine engine(MongoDatabase database) {
        var serializer = JacksonSerializer.defaultSerializer();
        return HavenEventStorageEngine.builder().database(database).eventSerializer(serializer)
                .snapshotSerializer(serializer).build();
    }

    /** As the command side does: the reporter's access entry first, then the case's first event. */
    private static void report(MongoDatabase database, HavenEventStorageEngine engine) {
        String caseId = UUID.randomUUID().toString();
        database.getCollection("reporter_access").insertOne(new Document("_id", "HV-" + caseId.substring(0, 8))
                .append("caseId", caseId).append("receiptHash", "$2a$10$" + caseId));
        engine.appendEvents(new GenericDomainEventMessage<>("Case", caseId, 0, new Reported(caseId)));
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }
}
