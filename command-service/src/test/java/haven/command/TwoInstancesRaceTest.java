package haven.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClients;
import haven.infra.embedded.EmbeddedStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two command-service instances share one store and write to the same case at once. Within one
 * instance Axon serialises commands per case; across instances only the store's unique
 * (case, sequence) key stands between them, and the loser must get a 409, never a 500.
 */
class TwoInstancesRaceTest {

    static final String DATABASE = "race-test";
    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startTwoInstances() {
        first = start();
        second = start();
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
    }

    static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(CommandServiceApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.data.mongodb.uri=" + EmbeddedStore.shared().uri(DATABASE));
    }

    static String url(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    @Test
    void concurrentWritesFromTwoInstancesNeverDuplicateASequenceNumberAndLosersGet409() throws Exception {
        String caseId = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(post(url(first) + "/api/reports", ApiTest.ANONYMOUS_REPORT)
                        .body())
                .get("caseId")
                .asText();

        var attempts = new ArrayList<Callable<HttpResponse<String>>>();
        for (int i = 0; i < 60; i++) {
            String target = url(i % 2 == 0 ? first : second) + "/api/cases/" + caseId + "/notes";
            attempts.add(() -> post(target, "{\"text\": \"Note from a busy afternoon\"}"));
        }
        var pool = Executors.newFixedThreadPool(6);
        var responses = new ArrayList<HttpResponse<String>>();
        for (var future : pool.invokeAll(attempts)) {
            responses.add(future.get());
        }
        pool.shutdown();

        var statuses = responses.stream().map(HttpResponse::statusCode).toList();
        assertThat(statuses).containsOnly(202, 409).contains(409);
        assertThat(responses)
                .filteredOn(r -> r.statusCode() == 409)
                .allSatisfy(r -> assertThat(r.body()).contains("urn:haven:problem:concurrent-change"));
        long accepted = statuses.stream().filter(s -> s == 202).count();
        // the report, its routing to a team and its triage date are 0 to 2; each accepted note one more
        assertThat(sequenceNumbersOf(caseId))
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(0, accepted + 2).boxed().toList());
    }

    /** Each instance keeps the cases it used in memory: it must still see what the other did since. */
    @Test
    void writesTakingTurnsBetweenInstancesAllLandOnTheCaseAsStored() throws Exception {
        String caseId = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(post(url(first) + "/api/reports", ApiTest.ANONYMOUS_REPORT)
                        .body())
                .get("caseId")
                .asText();

        for (int i = 0; i < 6; i++) {
            String target = url(i % 2 == 0 ? second : first) + "/api/cases/" + caseId + "/notes";
            assertThat(post(target, "{\"text\": \"Note taken in turn\"}").statusCode())
                    .as("note %d", i)
                    .isEqualTo(202);
        }
        assertThat(sequenceNumbersOf(caseId)).hasSize(3 + 6);
    }

    private List<Long> sequenceNumbersOf(String caseId) {
        try (var client = MongoClients.create(EmbeddedStore.shared().uri(DATABASE))) {
            return ApiTest.storedEventsOf(client.getDatabase(DATABASE), caseId).stream()
                    .map(d -> ((Number) d.get("sequenceNumber")).longValue())
                    .toList();
        }
    }

    private HttpResponse<String> post(String url, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("Authorization", ApiTest.MANAGER)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
