package haven.infra.eventstore.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import haven.events.CaseId;
import haven.events.InvestigationNoteAdded;
import haven.events.ReportSubmitted;
import haven.infra.embedded.EmbeddedStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A command's process dies at each point of storing its commit (after reserving positions, after
 * sealing its personal data, after inserting it) and is killed at an unknown moment while storing
 * a long one: every time, the store holds the whole commit or none of it, for the aggregate's own
 * stream and for a tracking reader alike, and the case can go on afterwards. The processes are
 * real ({@link CrashingWriter}) and die as by {@code kill -9}.
 */
class CommitCrashTest {

    static EmbeddedStore store;

    @BeforeAll
    static void start() {
        store = EmbeddedStore.inMemory();
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    @ParameterizedTest
    @CsvSource({"after-reserve, 0", "after-sealing, 0", "after-insert, 3"})
    void aCommandDyingAtAnyPointLeavesItsWholeCommitOrNoneOfIt(String point, int expectedVisible) throws Exception {
        String database = "crash-" + UUID.randomUUID();
        var caseId = new CaseId(UUID.randomUUID().toString());

        Process writer = writer(database, caseId, point, 3);
        assertThat(writer.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(writer.exitValue()).as("the writer died at " + point).isEqualTo(137);

        try (var client = MongoClients.create(store.uri(database))) {
            var db = client.getDatabase(database);
            assertThat(visible(db, caseId, 3)).isEqualTo(expectedVisible);
            if (point.equals("after-sealing")) {
                assertThat(db.getCollection("personal_data_keys").countDocuments(Filters.eq("_id", caseId.value())))
                        .as("its personal data had been sealed (a key made)")
                        .isEqualTo(1);
            }
        }
    }

    @Test
    void aCommandKilledWhileStoringALongCommitLeavesAllOrNothing() throws Exception {
        String database = "crash-" + UUID.randomUUID();
        var caseId = new CaseId(UUID.randomUUID().toString());
        int events = 3_000;

        Process writer = writer(database, caseId, "never", events);
        var output = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = output.readLine()) != null && !line.equals("reserved")) {
            // its start-up output
        }
        writer.destroyForcibly().waitFor(); // SIGKILL somewhere between reserving and acknowledging

        try (var client = MongoClients.create(store.uri(database))) {
            int seen = visible(client.getDatabase(database), caseId, events);
            assertThat(seen).isIn(0, events);
            System.out.printf("Killed while storing a %d-event commit: %d of its events visible%n", events, seen);
        }
    }

    /**
     * How many of the commit's events the store shows, asserting the aggregate's stream and a
     * tracking reader agree, that it is all or nothing, that the sealed fields read as written,
     * and that the case takes its next event.
     */
    private static int visible(MongoDatabase db, CaseId caseId, int commitSize) {
        var engine = CrashingWriter.engine(db, () -> {}, () -> {});
        var stream = engine.readEvents(caseId.value()).asStream().toList();
        assertThat(stream.size()).as("the case's own stream").isIn(0, commitSize);
        if (!stream.isEmpty()) {
            assertThat(((ReportSubmitted) stream.get(0).getPayload()).narrative())
                    .isEqualTo("Left out of every meeting");
            assertThat(stream.get(stream.size() - 1).getPayload())
                    .isInstanceOfAny(InvestigationNoteAdded.class, haven.events.StaffMemberNamed.class);
        }

        // a later commit, so a reader can pass the positions the dead writer reserved
        var later = new CaseId(UUID.randomUUID().toString());
        engine.appendEvents(CrashingWriter.commit(later, 3));
        var tracked = engine.readEvents(null, false)
                .map(EventMessage.class::cast)
                .map(e -> ((DomainEventMessage<?>) e).getAggregateIdentifier())
                .toList();
        assertThat(tracked.stream().filter(caseId.value()::equals).count())
                .as("what a tracking reader sees")
                .isEqualTo(stream.size());
        assertThat(tracked.stream().filter(later.value()::equals).count()).isEqualTo(3);

        engine.appendEvents(List.of(new GenericDomainEventMessage<>(
                "Case",
                caseId.value(),
                stream.size(),
                new InvestigationNoteAdded(caseId, "next", "The case goes on", "cw.patel"))));
        assertThat(engine.readEvents(caseId.value()).asStream().count()).isEqualTo(stream.size() + 1);
        return stream.size();
    }

    private static Process writer(String database, CaseId caseId, String point, int events) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(
                        java,
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashingWriter.class.getName(),
                        store.uri(database),
                        database,
                        caseId.value(),
                        point,
                        Integer.toString(events))
                .redirectErrorStream(true)
                .start();
    }
}
