package haven.command.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import haven.command.ApiTest;
import haven.command.CommandServiceApplication;
import haven.infra.embedded.EmbeddedStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Time passes over a case's deadlines while the command-service runs and while it is stopped; the
 * clock is moved (HAVEN_CLOCK_OFFSET_FILE) and the service restarted in between. Each deadline missed
 * is escalated exactly once, to the team's case manager Haven knows, whenever the service was up to
 * see it pass.
 */
class EscalationAcrossRestartsTest {

    static final String DATABASE = "escalation-test";
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path folder;

    ConfigurableApplicationContext service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void eachMissedDeadlineIsEscalatedOnceWhetherTheServiceWasUpOrDownWhenItPassed() throws Exception {
        // Thursday 1 October: due for triage on Friday
        clockAt("2026-10-01T09:00:00Z");
        start();
        String caseId = json.readTree(
                        post("/api/reports", ApiTest.ANONYMOUS_REPORT).body())
                .get("caseId")
                .asText();
        // nothing has passed yet, and the sweep says so: later rounds read only the days since
        awaitSweptThrough("2026-09-29");
        // the team's case manager uses Haven, so Haven knows whom to escalate to
        assertThat(post("/api/cases/" + caseId + "/notes", "{\"text\": \"Read it, triage tomorrow\"}")
                        .statusCode())
                .isEqualTo(202);

        // Monday 5 October: Friday's triage was missed
        clockAt("2026-10-05T09:00:00Z");
        awaitEscalations(caseId, "TRIAGE_OVERDUE");
        assertThat(escalationsOf(caseId).get(0).get("caseManagers", List.class)).containsExactly("mgr.jones");

        // medium risk: first contact by Tuesday 6 October; an action due Wednesday 7 October
        assertThat(post("/api/cases/" + caseId + "/triage", """
                        {"category": "VERBAL_ABUSE", "risk": "MEDIUM", "route": "INFORMAL_RESOLUTION"}""").body()).contains("\"firstContactDue\":\"2026-10-06\"");
        assertThat(post("/api/cases/" + caseId + "/actions", """
                        {"description": "Speak to the bus company", "owner": "mgr.jones", "due": "2026-10-07"}""").statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> daysFiled(EscalationWatch.ACTION_DAYS).contains("2026-10-07"));

        // both pass while the service is stopped; it escalates them when it is back, and only once
        service.close();
        clockAt("2026-10-12T09:00:00Z");
        start();
        awaitEscalations(caseId, "TRIAGE_OVERDUE", "FIRST_CONTACT_OVERDUE", "ACTION_OVERDUE");
        service.close();
        start();
        awaitSweptThrough("2026-10-10");

        // ten working days after the triage on 5 October with nothing done: quiet since the 19th
        clockAt("2026-10-21T09:00:00Z");
        awaitEscalations(caseId, "TRIAGE_OVERDUE", "FIRST_CONTACT_OVERDUE", "ACTION_OVERDUE", "NO_ACTIVITY");

        // forty working days from receipt: resolution was due on 26 November
        service.close();
        clockAt("2026-11-30T09:00:00Z");
        start();
        awaitEscalations(
                caseId,
                "TRIAGE_OVERDUE",
                "FIRST_CONTACT_OVERDUE",
                "ACTION_OVERDUE",
                "NO_ACTIVITY",
                "RESOLUTION_OVERDUE");
        awaitSweptThrough("2026-11-28");
        assertThat(reasons(caseId)).hasSize(5);
        // the days swept are forgotten (nothing falls due after the resolution date was missed), the action's too
        assertThat(daysFiled(EscalationWatch.DAYS)).allMatch(day -> day.compareTo("2026-11-29") >= 0);
        assertThat(daysFiled(EscalationWatch.ACTION_DAYS)).isEmpty();
    }

    private List<String> daysFiled(String collection) {
        try (MongoClient client = MongoClients.create(EmbeddedStore.shared().uri(DATABASE))) {
            return client.getDatabase(DATABASE)
                    .getCollection(collection)
                    .find()
                    .map(row -> row.getString("_id").substring(0, "2026-11-29".length()))
                    .into(new java.util.ArrayList<>());
        }
    }

    private void awaitEscalations(String caseId, String... reasons) {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(reasons(caseId)).containsExactlyInAnyOrder(reasons));
    }

    /** Every missed deadline up to that day has been looked at since the clock last moved. */
    private void awaitSweptThrough(String day) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            try (MongoClient client = MongoClients.create(EmbeddedStore.shared().uri(DATABASE))) {
                Document progress = client.getDatabase(DATABASE)
                        .getCollection("escalation_progress")
                        .find(Filters.eq("_id", "escalation-sweep"))
                        .first();
                assertThat(progress).isNotNull().containsEntry("through", day);
            }
        });
    }

    private List<String> reasons(String caseId) {
        return escalationsOf(caseId).stream().map(e -> e.getString("reason")).toList();
    }

    private List<Document> escalationsOf(String caseId) {
        try (MongoClient client = MongoClients.create(EmbeddedStore.shared().uri(DATABASE))) {
            MongoDatabase database = client.getDatabase(DATABASE);
            return ApiTest.storedEventsOf(database, caseId).stream()
                    .filter(event -> event.getString("payloadType").equals("haven.events.CaseEscalated"))
                    .map(event -> Document.parse(event.getString("payload")))
                    .toList();
        }
    }

    private void start() {
        service = new SpringApplicationBuilder(CommandServiceApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.data.mongodb.uri=" + EmbeddedStore.shared().uri(DATABASE),
                        "--haven.clock.offset-file=" + folder.resolve("offset"),
                        "--haven.escalation.sweep-every=PT0.2S");
    }

    /** Moves the services' clock so that it now reads {@code instant}. */
    private void clockAt(String instant) throws IOException {
        var offset = Duration.between(Instant.now(), Instant.parse(instant));
        Path written = folder.resolve("offset.new");
        Files.writeString(written, offset.toString());
        Files.move(
                written,
                folder.resolve("offset"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        String url = "http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port") + path;
        var request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("Authorization", ApiTest.MANAGER)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
