package haven.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import haven.events.CaseId;
import haven.events.Category;
import haven.events.ContactPreference;
import haven.events.InvestigationNoteAdded;
import haven.events.LocationType;
import haven.events.MessageFromReporterReceived;
import haven.events.MessageToReporterSent;
import haven.events.Motivation;
import haven.events.ReportSubmitted;
import haven.events.ReportType;
import haven.events.Reporter;
import haven.events.ReporterRole;
import haven.infra.backup.Backup;
import haven.infra.backup.Restore;
import haven.infra.embedded.EmbeddedStore;
import haven.infra.eventstore.HavenEventStorageEngine;
import haven.infra.eventstore.PersonalDataSerializer;
import haven.infra.privacy.Aead;
import haven.infra.privacy.MasterKeys;
import haven.infra.privacy.PersonalDataKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;

/**
 * Backup and restore of N named cases (a report, a note and a message each way: four events, a
 * reporter entry and two keys per case) between two embedded stores on disk, as the local stack
 * keeps them: how long each takes and how big the sealed archive is. Restore includes its first
 * pass (open, authenticate, unwrap every key) and its sample check.
 */
final class BackupBenchmark {

    private BackupBenchmark() {}

    static void run(String[] args) throws Exception {
        int cases = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        String masterKey = Base64.getEncoder().encodeToString(Aead.newKey());
        Path dir = Files.createTempDirectory("bench-backup");
        Path archive = dir.resolve("haven.backup");
        var quiet = new PrintStream(new ByteArrayOutputStream());
        try (var source = EmbeddedStore.persistent(dir.resolve("source"), 0);
                var client = MongoClients.create(source.uri("haven"))) {
            var database = client.getDatabase("haven");
            long seeding = System.nanoTime();
            seed(database, masterKey, cases);
            System.out.printf(
                    "Seeded %,d cases (%,d events) in %.1f s%n",
                    cases, database.getCollection("events").countDocuments(), seconds(seeding));

            long backingUp = System.nanoTime();
            new Backup(database, MasterKeys.single(masterKey), quiet).backup(archive, null);
            double backupSeconds = seconds(backingUp);
            try (var target = EmbeddedStore.persistent(dir.resolve("restored"), 0);
                    var targetClient = MongoClients.create(target.uri("haven"))) {
                long restoring = System.nanoTime();
                var printed = new ByteArrayOutputStream();
                new Restore(
                                targetClient.getDatabase("haven"),
                                Optional.of(MasterKeys.single(masterKey)),
                                new PrintStream(printed))
                        .restore(archive, () -> null);
                double restoreSeconds = seconds(restoring);
                System.out.printf(
                        "| %,d | %,d | %.1f | %.1f | %.1f |%n",
                        cases,
                        database.getCollection("events").countDocuments(),
                        Files.size(archive) / 1e6,
                        backupSeconds,
                        restoreSeconds);
                System.out.print(printed.toString()
                                .lines()
                                .filter(l -> l.startsWith("Restore verified"))
                                .findFirst()
                                .orElse("restore did not verify")
                        + "\n");
            }
        }
    }

    private static void seed(MongoDatabase database, String masterKey, int cases) {
        var json = new ObjectMapper().registerModule(new JavaTimeModule());
        var keys = new PersonalDataKeys(database, masterKey, Duration.ofMinutes(1));
        var serializer = new PersonalDataSerializer(
                JacksonSerializer.builder().objectMapper(json).build(), keys, json);
        var engine = HavenEventStorageEngine.builder()
                .database(database)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build();
        for (int n = 0; n < cases; n++) {
            var caseId = new CaseId(UUID.randomUUID().toString());
            String reference = "HV-" + caseId.value().substring(0, 8);
            database.getCollection("reporter_access")
                    .insertOne(new Document("_id", reference)
                            .append("caseId", caseId.value())
                            .append("receiptHash", "$2a$10$" + n));
            List<Object> events = List.of(
                    new ReportSubmitted(
                            caseId,
                            reference,
                            "$2a$10$" + n,
                            ReportType.DIGNITY_AT_WORK,
                            Category.BULLYING,
                            LocalDate.of(2026, 11, 1),
                            LocationType.WORKPLACE,
                            "Basildon",
                            Set.of(Motivation.DISABILITY),
                            ReporterRole.VICTIM,
                            false,
                            new Reporter("Reporter " + n, "r" + n + "@example.org", "07700 900000"),
                            ContactPreference.EMAIL,
                            "I am repeatedly left out of team meetings and talked over. " + n,
                            List.of("A colleague"),
                            false,
                            true,
                            null),
                    new InvestigationNoteAdded(
                            caseId, "n-" + n, "Spoke to the team leader about the meetings.", "cw.patel"),
                    new MessageToReporterSent(
                            caseId, "t-" + n, "We are looking into it and will write again.", "cw.patel"),
                    new MessageFromReporterReceived(caseId, "f-" + n, "Thank you, it happened again on Monday."));
            for (int i = 0; i < events.size(); i++) {
                engine.appendEvents(new GenericDomainEventMessage<>("Case", caseId.value(), i, events.get(i)));
            }
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
