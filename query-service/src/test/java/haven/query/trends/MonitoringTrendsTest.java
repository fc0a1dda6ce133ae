package haven.query.trends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import haven.events.EqualityMonitoringReturned;
import haven.events.MonitoringQuestion;
import haven.events.ReportType;
import haven.infra.security.Role;
import haven.query.Handled;
import haven.query.PageLogin;
import haven.query.QueryServiceTest;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Reporters' equality monitoring answers reach the board only as counts of returns, under the
 * trends' disclosure control, with each question's declaration rate worked out from what is
 * published. The same context as {@link TrendsTest}; returns are a population of their own, so
 * they change none of its tables.
 */
@QueryServiceTest(database = "trend-tests")
class MonitoringTrendsTest {

    @Autowired
    MockMvc http;

    @Autowired
    EventStore events;

    @Autowired
    MongoDatabase database;

    @Autowired
    TrendProjection projection;

    @Autowired
    ObjectMapper json;

    @Test
    void theBoardReadsAnswersAsCountsWithDeclarationRatesAndSmallCountsHidden() throws Exception {
        Instant may = Instant.parse("2020-05-12T10:00:00Z");
        long casesBefore = database.getCollection(TrendProjection.CASES).countDocuments();
        // age: 7 aged 25 to 34, 6 aged 45 to 54, 5 preferred not to say; religion: 15 Christian, 3 preferred not to say
        for (int i = 0; i < 18; i++) {
            var answers = new EnumMap<MonitoringQuestion, String>(MonitoringQuestion.class);
            answers.put(
                    MonitoringQuestion.AGE,
                    i < 7 ? "FROM_25_TO_34" : i < 13 ? "FROM_45_TO_54" : MonitoringQuestion.PREFER_NOT_TO_SAY);
            answers.put(MonitoringQuestion.RELIGION, i < 15 ? "CHRISTIAN" : MonitoringQuestion.PREFER_NOT_TO_SAY);
            returned(answers, may);
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(count(table("age"), "age", "ALL")).isEqualTo(18));

        JsonNode age = table("age");
        assertThat(age.get("cases").asText()).isEqualTo("monitoring-returns");
        assertThat(count(age, "age", "FROM_25_TO_34")).isEqualTo(7);
        assertThat(count(age, "age", "PREFER_NOT_TO_SAY")).isEqualTo(5);
        assertThat(count(age, "age", "NONE")).isZero();
        JsonNode rate = age.get("declarationRates").get("2020-05");
        assertThat(rate.get("returns").asLong()).isEqualTo(18);
        assertThat(rate.get("declared").asLong()).isEqualTo(13);
        assertThat(rate.get("percent").asInt()).isEqualTo(72);

        // three who preferred not to say are too few to show, so the rate that would give them away is hidden too
        JsonNode religion = table("religion");
        assertThat(suppressed(religion, "religion", "PREFER_NOT_TO_SAY")).isTrue();
        assertThat(suppressed(religion, "religion", "CHRISTIAN")).isTrue();
        assertThat(religion.get("declarationRates")
                        .get("2020-05")
                        .get("percent")
                        .isNull())
                .isTrue();

        String csv = http.perform(get("/api/trends.csv")
                        .header("Authorization", TrendsTest.BOARD)
                        .param("period", "month")
                        .param("from", "2020-05")
                        .param("to", "2020-05")
                        .param("by", "age"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(csv)
                .startsWith("\"period\",\"age\",\"count\",\"declaration rate\"\r\n")
                .contains("\"2020-05\",\"ALL\",\"18\",\"72%\"");

        String page = http.perform(get("/trends")
                        .param("period", "month")
                        .param("from", "2020-05")
                        .param("to", "2020-05")
                        .param("by", "age")
                        .with(PageLogin.as("board.chair", null, Role.BOARD)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString()
                .replaceAll("\\s+", " ");
        assertThat(page)
                .contains("25 to 34</th> <td class=\"govuk-table__cell govuk-table__cell--numeric\">7<")
                .contains("Prefer not to say</th> <td class=\"govuk-table__cell govuk-table__cell--numeric\">5<")
                .contains("id=\"declaration-rates\"", ">13<", ">72%<");

        // counted apart from cases: no case facts, and the tables of cases know nothing of them
        assertThat(database.getCollection(TrendProjection.CASES).countDocuments())
                .isEqualTo(casesBefore);
        assertThat(database.getCollection(TrendProjection.MONTHS)
                        .find(new Document("_id", "recorded/2020-05"))
                        .first())
                .isNull();
    }

    @Test
    void answersAreCountedOnlyAsReturnsAndByWhatAReturnSays() throws Exception {
        for (var asked : new String[][] {{"age", "category"}, {"age", "area"}}) {
            http.perform(get("/api/trends")
                            .header("Authorization", TrendsTest.BOARD)
                            .param("by", asked))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("by"));
        }
        http.perform(get("/api/trends")
                        .header("Authorization", TrendsTest.BOARD)
                        .param("cases", "recorded")
                        .param("by", "ethnicity"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("by"));
        http.perform(get("/api/trends")
                        .header("Authorization", TrendsTest.BOARD)
                        .param("cases", "monitoring-returns")
                        .param("by", "category"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("by"));
    }

    @Test
    void aReturnDeliveredAgainIsCountedOnce() {
        var once = new EqualityMonitoringReturned(
                UUID.randomUUID().toString(),
                null,
                ReportType.DIGNITY_AT_WORK,
                Map.of(MonitoringQuestion.DISABILITY, "YES"));
        Instant at = Instant.parse("2021-02-03T09:00:00Z");
        // stored, so that its processor (and any rebuild) counts it too, then handed to the projection twice more
        events.publish(new GenericEventMessage<>(UUID.randomUUID().toString(), once, Map.of(), at));
        Handled.by(() -> projection.on(once, at));
        Handled.by(() -> projection.on(once, at));
        Document month = database.getCollection(TrendProjection.MONTHS)
                .find(new Document("_id", "monitoring-returns/2021-02"))
                .first();
        assertThat(month.getInteger(CaseFacts.ALL)).isEqualTo(1);
        assertThat(month.get("disability", Document.class).getInteger("YES")).isEqualTo(1);
        assertThat(month.get("sex", Document.class).getInteger("NONE")).isEqualTo(1);
    }

    private void returned(Map<MonitoringQuestion, String> answers, Instant at) {
        events.publish(new GenericEventMessage<>(
                UUID.randomUUID().toString(),
                new EqualityMonitoringReturned(
                        UUID.randomUUID().toString(), null, ReportType.HATE_INCIDENT, Map.copyOf(answers)),
                Map.of(),
                at));
    }

    private JsonNode table(String by) throws Exception {
        return json.readTree(http.perform(get("/api/trends")
                        .header("Authorization", TrendsTest.BOARD)
                        .param("period", "month")
                        .param("from", "2020-05")
                        .param("to", "2020-05")
                        .param("by", by))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    private static long count(JsonNode table, String question, String answer) {
        return cell(table, question, answer).get("count").asLong();
    }

    private static boolean suppressed(JsonNode table, String question, String answer) {
        return cell(table, question, answer).get("suppressed").asBoolean();
    }

    private static JsonNode cell(JsonNode table, String question, String answer) {
        for (JsonNode cell : table.get("cells")) {
            if (cell.get(question).asText().equals(answer)) {
                return cell;
            }
        }
        throw new AssertionError("no cell for " + answer);
    }
}
