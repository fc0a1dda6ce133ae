package haven.infra.eventstore.crash;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import haven.events.CaseId;
import haven.events.Category;
import haven.events.ContactPreference;
import haven.events.InvestigationNoteAdded;
import haven.events.LocationType;
import haven.events.ReportRoutedToTeam;
import haven.events.ReportSubmitted;
import haven.events.ReportType;
import haven.events.Reporter;
import haven.events.ReporterRole;
import haven.events.StaffMemberNamed;
import haven.infra.eventstore.HavenEventStorageEngine;
import haven.infra.eventstore.PersonalDataSerializer;
import haven.infra.privacy.PersonalDataKeys;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * A process that stores one commit the way a command does (several events of one case, personal
 * data sealed by the real serializer) and dies at the point it is told: {@code after-reserve},
 * {@code after-sealing} (serialised, keys made, not inserted), {@code after-insert}, or
 * {@code never} (it prints {@code reserved} and goes on, for a test that kills it itself).
 *
 * <p>Usage: {@code CrashingWriter <mongoUri> <database> <caseId> <point> <events>}
 */
public final class CrashingWriter {

    static final String MASTER_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    public static void main(String[] args) {
        MongoDatabase database = MongoClients.create(args[0]).getDatabase(args[1]);
        var caseId = new CaseId(args[2]);
        String point = args[3];
        int count = Integer.parseInt(args[4]);
        var engine = engine(
                database,
                () -> {
                    System.out.println("reserved");
                    dieIf(point, "after-reserve");
                },
                () -> dieIf(point, "after-sealing"));
        engine.appendEvents(commit(caseId, count));
        dieIf(point, "after-insert");
        System.out.println("stored");
        System.exit(0);
    }

    static HavenEventStorageEngine engine(MongoDatabase database, Runnable afterReserve, Runnable beforeInsert) {
        var json = new ObjectMapper().registerModule(new JavaTimeModule()).findAndRegisterModules();
        var jackson = JacksonSerializer.builder().objectMapper(json).build();
        var serializer = new PersonalDataSerializer(
                jackson, new PersonalDataKeys(database, MASTER_KEY, Duration.ofSeconds(1)), json);
        return HavenEventStorageEngine.builder()
                .database(database)
                .eventSerializer(serializer)
                .snapshotSerializer(jackson)
                .gapTimeout(Duration.ofSeconds(1))
                .afterReserve(afterReserve)
                .beforeInsert(beforeInsert)
                .build();
    }

    /** A report as SubmitReport stores it (report, routing, a named member of staff), then notes to make it long. */
    static List<EventMessage<?>> commit(CaseId caseId, int count) {
        var events = new ArrayList<Object>(List.of(
                new ReportSubmitted(
                        caseId,
                        "HV-CRASH-" + caseId.value().substring(0, 4),
                        "$2a$10$x",
                        ReportType.DIGNITY_AT_WORK,
                        Category.BULLYING,
                        LocalDate.of(2026, 11, 1),
                        LocationType.WORKPLACE,
                        "Basildon",
                        Set.of(),
                        ReporterRole.VICTIM,
                        false,
                        new Reporter("Ada Reporter", "ada@example.org", "07700 900123"),
                        ContactPreference.EMAIL,
                        "Left out of every meeting",
                        List.of("J. Jones"),
                        false,
                        true,
                        null),
                new ReportRoutedToTeam(caseId, "equality", null),
                new StaffMemberNamed(caseId, "pseudonym-of-jones", "reporter")));
        for (int i = events.size(); i < count; i++) {
            events.add(new InvestigationNoteAdded(caseId, "note-" + i, "Note " + i + " about the meeting", "cw.patel"));
        }
        var messages = new ArrayList<EventMessage<?>>();
        for (int i = 0; i < count; i++) {
            messages.add(new GenericDomainEventMessage<>("Case", caseId.value(), i, events.get(i)));
        }
        return messages;
    }

    private static void dieIf(String point, String here) {
        if (point.equals(here)) {
            System.out.flush();
            Runtime.getRuntime().halt(137); // as kill -9: no shutdown hooks, nothing flushed
        }
    }

    private CrashingWriter() {}
}
