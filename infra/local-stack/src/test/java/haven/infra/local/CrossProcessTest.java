package haven.infra.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import haven.infra.embedded.EmbeddedStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real arrangement: the store in this JVM, each service as its own process sharing nothing
 * but the store. A report goes in at the command-service and comes out of the query-service.
 */
class CrossProcessTest {

    static final Duration VISIBLE_WITHIN = Duration.ofSeconds(2);

    static LocalSystem system;
    static EmbeddedStore store;
    static ServiceProcess identity;
    static ServiceProcess command;
    static ServiceProcess query;
    static JsonHttp manager;
    /** The services' clock, moved on by writing a period here (the check-in after closure is weeks away). */
    static Path clock;

    final JsonHttp reporter = JsonHttp.anonymous();

    @BeforeAll
    static void startTheSystem() throws Exception {
        clock = Files.createTempFile("haven-clock", ".offset");
        system = LocalSystem.start(
                "cross-process-logs",
                EmbeddedStore.inMemory(),
                LocalSystem.MASTER_KEY,
                ServiceProcess.partnership(),
                Map.of("HAVEN_ESCALATION_SWEEP_EVERY", "PT0.5S", "HAVEN_CLOCK_OFFSET_FILE", clock.toString()));
        store = system.store();
        identity = system.identity();
        command = system.command();
        query = system.query();
        manager = JsonHttp.signedIn(identity.url(), "mgr.jones");
    }

    @AfterAll
    static void stopTheSystem() throws IOException {
        if (system != null) {
            system.close();
        }
        Files.deleteIfExists(clock);
    }

    @Test
    void aReportTakenThroughItsLifecycleIsSeenAtEveryStepInTheOtherProcess() {
        // the first report also waits out the query-service claiming its processor
        String caseId = submit();
        awaitCase(caseId, c -> "SUBMITTED".equals(c.path("status").asText()), Duration.ofSeconds(30));
        String c = command.url() + "/api/cases/" + caseId;

        assertThat(manager.post(
                                c + "/triage",
                                Map.of(
                                        "category",
                                        "VERBAL_ABUSE",
                                        "characteristics",
                                        List.of("RACE"),
                                        "strands",
                                        List.of("RACE"),
                                        "risk",
                                        "MEDIUM",
                                        "route",
                                        "FORMAL_INVESTIGATION"))
                        .status())
                .isEqualTo(202);
        awaitCase(
                caseId,
                v -> "TRIAGED".equals(v.path("status").asText())
                        && "MEDIUM".equals(v.path("risk").asText()),
                VISIBLE_WITHIN);

        // cases are assigned only to staff Haven knows: the caseworker has signed in
        assertThat(JsonHttp.signedIn(system.identity().url(), "cw.patel")
                        .get(command.url() + "/api/staff/me")
                        .status())
                .isEqualTo(200);
        assertThat(manager.post(c + "/assignment", Map.of("caseworker", "cw.patel", "team", "equality"))
                        .status())
                .isEqualTo(204);
        awaitCase(caseId, v -> "cw.patel".equals(v.path("assignee").asText()), VISIBLE_WITHIN);

        assertThat(manager.post(c + "/resolution", Map.of("outcome", "UPHELD", "summary", "Apology"))
                        .status())
                .isEqualTo(202);
        awaitCase(caseId, v -> "UPHELD".equals(v.path("outcome").asText()), VISIBLE_WITHIN);

        assertThat(manager.post(c + "/closure", Map.of()).status()).isEqualTo(204);
        awaitCase(caseId, v -> "CLOSED".equals(v.path("status").asText()), VISIBLE_WITHIN);

        var openCaseload = manager.get(query.url() + "/api/caseload?assignee=cw.patel");
        assertThat(openCaseload.body().path("cases").findValuesAsText("caseId")).doesNotContain(caseId);
    }

    @Test
    void aNewReportIsInTheCaseloadWithinTwoSeconds() {
        awaitCase(submit(), c -> true, Duration.ofSeconds(30)); // warm
        String caseId = submit();
        awaitCase(caseId, c -> "SUBMITTED".equals(c.path("status").asText()), VISIBLE_WITHIN);
        assertThat(manager.get(query.url() + "/api/caseload?status=SUBMITTED")
                        .body()
                        .path("cases")
                        .findValuesAsText("caseId"))
                .contains(caseId);
    }

    @Test
    void tokensFromTheIdentityProviderDecideWhoSeesWhat() {
        String caseId = submit();
        awaitCase(caseId, c -> true, Duration.ofSeconds(30));
        assertThat(reporter.get(query.url() + "/api/caseload").status()).isEqualTo(401);
        assertThat(JsonHttp.signedIn(identity.url(), "board.chair")
                        .get(query.url() + "/api/caseload")
                        .status())
                .isEqualTo(403);
        var unassignedCaseworker = JsonHttp.signedIn(identity.url(), "cw.lee");
        assertThat(unassignedCaseworker
                        .get(query.url() + "/api/cases/" + caseId)
                        .status())
                .isEqualTo(404);
        assertThat(unassignedCaseworker
                        .post(command.url() + "/api/cases/" + caseId + "/notes", Map.of("text", "Looking into it"))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void erasureLeavesNoTraceOfACanaryNameAnywhereButKeepsTheCounts() throws Exception {
        String canary = "Zorbaxa" + UUID.randomUUID().toString().substring(0, 8);
        var submitted = reporter.post(
                command.url() + "/api/reports",
                Map.ofEntries(
                        Map.entry("type", "DIGNITY_AT_WORK"),
                        Map.entry("organisation", "castle-council"),
                        Map.entry("category", "HARASSMENT"),
                        Map.entry("occurredOn", "2026-10-01"),
                        Map.entry("locationType", "WORKPLACE"),
                        Map.entry("area", "RESOURCES"),
                        Map.entry("reporterRole", "VICTIM"),
                        Map.entry("anonymous", true),
                        Map.entry("narrative", canary + " keeps making remarks about my accent"),
                        Map.entry("namedParties", List.of(canary))));
        assertThat(submitted.status()).isEqualTo(201);
        String caseId = submitted.body().path("caseId").asText();
        var followUp = Map.of(
                "reference",
                submitted.body().path("reference").asText(),
                "receipt",
                submitted.body().path("receipt").asText());
        String c = command.url() + "/api/cases/" + caseId;
        awaitCase(caseId, v -> true, Duration.ofSeconds(30));
        assertThat(manager.post(
                                c + "/triage",
                                Map.of("category", "HARASSMENT", "risk", "LOW", "route", "INFORMAL_RESOLUTION"))
                        .status())
                .isEqualTo(202);
        var note = manager.post(c + "/notes", Map.of("text", "Spoke to " + canary));
        assertThat(note.status()).isEqualTo(202);
        assertThat(manager.post(
                                c + "/respondents",
                                Map.of(
                                        "name",
                                        canary + " Jones",
                                        "role",
                                        canary + "'s deputy",
                                        "relationship",
                                        "COLLEAGUE"))
                        .status())
                .isEqualTo(202);
        assertThat(manager.post(
                                c + "/letters",
                                Map.of("kind", "ACKNOWLEDGEMENT", "text", "Dear reporter, about " + canary))
                        .status())
                .isEqualTo(202);
        // a hearing whose place, attendees, companion, adjournment and notes all name the canary
        var meeting = manager.post(
                c + "/meetings",
                Map.of(
                        "kind", "FORMAL_HEARING",
                        "startsAt",
                                java.time.LocalDateTime.now()
                                        .plusDays(5)
                                        .withNano(0)
                                        .toString(),
                        "place", canary + " Room, Civic Centre",
                        "attendees", List.of(canary + " (witness)"),
                        "companion", Map.of("role", "COLLEAGUE", "name", canary + " Senior")));
        assertThat(meeting.status()).isEqualTo(202);
        String m = c + "/meetings/" + meeting.body().path("meetingId").asText();
        assertThat(manager.post(m + "/adjournment", Map.of("reason", canary + " was ill"))
                        .status())
                .isEqualTo(204);
        assertThat(manager.post(m + "/notes", Map.of("notes", canary + " gave evidence", "shareWithReporter", true))
                        .status())
                .isEqualTo(202);
        // evidence named after, and naming, the canary: from the case team and from the reporter
        var letter = manager.postFile(
                c + "/attachments", Map.of(), canary + ".txt", ("A statement about " + canary).getBytes(UTF_8));
        assertThat(letter.status()).isEqualTo(201);
        String download = query.url() + "/api/cases/" + caseId + "/attachments/"
                + letter.body().path("fileId").asText();
        assertThat(reporter.postFile(
                                command.url() + "/api/reporter/attachments",
                                followUp,
                                "photo.txt",
                                (canary + " outside my door").getBytes(UTF_8))
                        .status())
                .isEqualTo(202);
        // a redacted copy that still names the canary, shared with the police (their own copy, sealed under
        // their key, is theirs to keep or erase); the police's crime reference is the canary too
        var redaction = manager.post(
                c + "/redactions",
                Map.of(
                        "hide",
                        List.of("accent"),
                        "notes",
                        List.of(note.body().path("noteId").asText()),
                        "reason",
                        canary + "'s address"));
        assertThat(redaction.status()).isEqualTo(201);
        assertThat(manager.post(
                                c + "/referrals",
                                Map.of(
                                        "to",
                                        "castle-police",
                                        "basis",
                                        "LAWFUL_BASIS",
                                        "lawfulBasis",
                                        canary + " threatened to come back",
                                        "redactionId",
                                        redaction.body().path("redactionId").asText()))
                        .status())
                .isEqualTo(202);
        assertThat(manager.post(c + "/police-report", Map.of("crimeReference", canary, "classification", "CRIME"))
                        .status())
                .isEqualTo(204);
        var dpo = JsonHttp.signedIn(identity.url(), "dpo.smith");
        assertThat(manager.post(c + "/conflicts", Map.of("caseworker", "cw.lee", "reason", canary + " is a cousin"))
                        .status())
                .isEqualTo(204);
        assertThat(dpo.post(
                                command.url() + "/api/admin/cases/" + caseId + "/lifted-exclusions",
                                Map.of("staffId", "cw.lee", "reason", canary + " is not related after all"))
                        .status())
                .isEqualTo(204);
        assertThat(manager.post(c + "/messages", Map.of("text", "We will speak to " + canary))
                        .status())
                .isEqualTo(202);
        var reply = new java.util.HashMap<String, Object>(followUp);
        reply.put("text", canary + " did it again");
        assertThat(reporter.post(command.url() + "/api/reporter/messages", reply)
                        .status())
                .isEqualTo(202);
        assertThat(manager.post(
                                c + "/resolution",
                                Map.of("outcome", "RESOLVED_INFORMALLY", "summary", canary + " apologised"))
                        .status())
                .isEqualTo(202);
        // appealed with grounds naming the canary, heard by a manager of another team, decided, closed again
        var appeal = new java.util.HashMap<String, Object>(followUp);
        appeal.put("grounds", canary + " was never asked");
        assertThat(reporter.post(command.url() + "/api/reporter/appeal", appeal).status())
                .isEqualTo(202);
        var hearer = JsonHttp.signedIn(identity.url(), "mgr.ahmed");
        assertThat(hearer.get(command.url() + "/api/staff/me").status()).isEqualTo(200);
        assertThat(manager.post(c + "/appeal/hearer", Map.of("hearer", "mgr.ahmed"))
                        .status())
                .isEqualTo(204);
        assertThat(hearer.post(
                                c + "/appeal/decision",
                                Map.of("outcome", "DISMISSED", "reasons", canary + " was asked after all"))
                        .status())
                .isEqualTo(202);
        assertThat(manager.post(c + "/closure", Map.of()).status()).isEqualTo(204);
        awaitCase(caseId, v -> "CLOSED".equals(v.path("status").asText()), VISIBLE_WITHIN);
        awaitReporterStatus(followUp, status -> status.contains(canary + " gave evidence")); // shared notes, opened
        // six weeks on, the reporter is asked whether anything has happened since, and answers naming the canary
        Files.writeString(clock, "P44D");
        awaitReporterStatus(followUp, status -> status.contains("\"checkInOpen\":true"));
        var checkIn = new java.util.HashMap<String, Object>(followUp);
        checkIn.put("victimised", false);
        checkIn.put("details", canary + " has kept away since");
        assertThat(reporter.post(command.url() + "/api/reporter/check-in", checkIn)
                        .status())
                .isEqualTo(202);

        assertThat(new String(manager.bytes(download).body(), UTF_8)).isEqualTo("A statement about " + canary);
        assertThat(storeContents()).as("the store holds the canary only sealed").doesNotContain(canary);
        assertThat(evidenceAsStored()).as("files are stored sealed").doesNotContain(canary);
        String trendsBefore = trendCounts();

        assertThat(dpo.post(
                                command.url() + "/api/admin/cases/" + caseId + "/erasure",
                                Map.of("reason", "ERASURE_REQUEST"))
                        .status())
                .isEqualTo(204);
        awaitReporterStatus(followUp, status -> !status.contains(canary));

        assertThat(storeContents()).doesNotContain(canary);
        assertThat(evidenceFilesOf(caseId)).as("erasure deletes the files too").isZero();
        assertThat(manager.bytes(download).statusCode()).isEqualTo(404);
        assertThat(trendCounts()).isEqualTo(trendsBefore);
        String trends = query.url() + "/api/trends%s?period=month&from=2026-10&to=2026-10&by=category";
        for (String answer : List.of(
                manager.get(query.url() + "/api/cases/" + caseId).body().toString(),
                manager.get(query.url() + "/api/cases/" + caseId + "/record")
                        .body()
                        .toString(),
                manager.get(query.url() + "/api/cases/" + caseId + "/timeline")
                        .body()
                        .toString(),
                reporter.post(query.url() + "/api/reporter/status", followUp)
                        .body()
                        .toString(),
                manager.text(trends.formatted("")),
                manager.text(trends.formatted(".csv")),
                dpo.get(query.url() + "/api/admin/access-log?caseId=" + caseId)
                        .body()
                        .toString(),
                dpo.get(query.url() + "/api/admin/dead-letters").body().toString())) {
            assertThat(answer).doesNotContain(canary);
        }
        for (var service : List.of(command, query, identity)) {
            assertThat(java.nio.file.Files.readString(service.log())).doesNotContain(canary);
        }
    }

    private void awaitReporterStatus(Map<String, String> followUp, Predicate<String> condition) {
        Instant deadline = Instant.now().plusSeconds(10);
        String last = null;
        while (Instant.now().isBefore(deadline)) {
            last = reporter.post(query.url() + "/api/reporter/status", followUp)
                    .body()
                    .toString();
            if (condition.test(last)) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError("reporter status not as expected; last seen " + last);
    }

    /** Every document of every collection, as stored. */
    private String storeContents() {
        try (var client = com.mongodb.client.MongoClients.create(store.uri("haven"))) {
            var all = new StringBuilder();
            var database = client.getDatabase("haven");
            for (String name : database.listCollectionNames()) {
                database.getCollection(name)
                        .find()
                        .forEach(d -> all.append(d.toJson()).append('\n'));
            }
            return all.toString();
        }
    }

    private long evidenceFilesOf(String caseId) {
        try (var client = com.mongodb.client.MongoClients.create(store.uri("haven"))) {
            return client.getDatabase("haven")
                    .getCollection("evidence.files")
                    .countDocuments(com.mongodb.client.model.Filters.eq("filename", caseId));
        }
    }

    /** The bytes of every evidence chunk in the store, as they are kept. */
    private String evidenceAsStored() {
        try (var client = com.mongodb.client.MongoClients.create(store.uri("haven"))) {
            var all = new StringBuilder();
            client.getDatabase("haven")
                    .getCollection("evidence.chunks")
                    .find()
                    .forEach(chunk -> all.append(new String(
                            chunk.get("data", org.bson.types.Binary.class).getData(),
                            java.nio.charset.StandardCharsets.ISO_8859_1)));
            return all.toString();
        }
    }

    private String trendCounts() {
        try (var client = com.mongodb.client.MongoClients.create(store.uri("haven"))) {
            var months = new StringBuilder();
            client.getDatabase("haven")
                    .getCollection("trend_counts")
                    .find()
                    .sort(new org.bson.Document("_id", 1))
                    .forEach(d -> months.append(d.toJson()));
            return months.toString();
        }
    }

    private String submit() {
        var response = reporter.post(
                command.url() + "/api/reports",
                Map.ofEntries(
                        Map.entry("type", "HATE_INCIDENT"),
                        Map.entry("category", "VERBAL_ABUSE"),
                        Map.entry("occurredOn", "2026-10-01"),
                        Map.entry("locationType", "PUBLIC_TRANSPORT"),
                        Map.entry("area", "CASTLE"),
                        Map.entry("motivations", List.of("RACE")),
                        Map.entry("reporterRole", "VICTIM"),
                        Map.entry("anonymous", true),
                        Map.entry("narrative", "Shouted at on the bus")));
        assertThat(response.status()).isEqualTo(201);
        return response.body().path("caseId").asText();
    }

    private JsonNode awaitCase(String caseId, Predicate<JsonNode> condition, Duration within) {
        Instant deadline = Instant.now().plus(within);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            var response = manager.get(query.url() + "/api/cases/" + caseId);
            last = response.body();
            if (response.status() == 200 && condition.test(last)) {
                return last;
            }
            sleep(25);
        }
        throw new AssertionError("case " + caseId + " not as expected within " + within + "; last seen " + last);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
