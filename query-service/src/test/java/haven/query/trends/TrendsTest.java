package haven.query.trends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import haven.events.CaseReopened;
import haven.events.CaseResolved;
import haven.events.CaseTriaged;
import haven.events.Category;
import haven.events.ContactPreference;
import haven.events.LocationType;
import haven.events.Motivation;
import haven.events.Outcome;
import haven.events.ProtectedCharacteristic;
import haven.events.ReportSubmitted;
import haven.events.ReportType;
import haven.events.Reporter;
import haven.events.ReporterRole;
import haven.events.RiskLevel;
import haven.events.Route;
import haven.infra.embedded.EmbeddedStore;
import haven.infra.security.Role;
import haven.infra.security.TestTokens;
import haven.query.CaseStream;
import haven.query.Handled;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Its own database, so no other test context shares its processors. Each test reports its cases in
 * its own past year: a year's tables are protected together, so counts elsewhere in it would change
 * what may be shown.
 */
@SpringBootTest
@AutoConfigureMockMvc
class TrendsTest {

    static final String BOARD = TestTokens.bearer("board.member", null, Role.BOARD);

    @Autowired
    MockMvc http;
    @Autowired
    EventStore events;
    @Autowired
    MongoDatabase database;
    @Autowired
    TrendProjection projection;
    @Autowired
    Pseudonyms pseudonyms;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    ObjectMapper json;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("spring.data.mongodb.uri", () -> EmbeddedStore.shared().uri("trend-tests"));
    }

    @Test
    void recategorisingAtTriageMovesACaseBetweenCellsAndSmallCellsStayHidden() throws Exception {
        Instant january = Instant.parse("2011-01-15T12:00:00Z");
        var cases = new ArrayList<CaseStream>();
        for (int i = 0; i < 12; i++) {
            var stream = new CaseStream(events);
            cases.add(stream.append(report(stream, Category.BULLYING, "Finance"), january));
        }
        cases.get(0).append(triage(cases.get(0), Category.HARASSMENT), january);
        awaitCounts("2011-01", "category", Map.of("ALL", 12L));

        JsonNode table = trends("month", "2011-01", "2011-01", "category");
        // HARASSMENT (1) is below 5; BULLYING (11) is hidden too, or 12 − 11 would reveal it
        assertThat(cell(table, "HARASSMENT").get("suppressed").asBoolean()).isTrue();
        assertThat(cell(table, "HARASSMENT").get("count").isNull()).isTrue();
        assertThat(cell(table, "BULLYING").get("suppressed").asBoolean()).isTrue();
        assertThat(cell(table, "THREATS").get("count").asLong()).isZero();
        assertThat(cell(table, "ALL").get("count").asLong()).isEqualTo(12);

        for (var moved : cases.subList(1, 6)) {
            moved.append(triage(moved, Category.HARASSMENT), january);
        }
        awaitCounts("2011-01", "category", Map.of("BULLYING", 6L, "HARASSMENT", 6L, "ALL", 12L));
    }

    @Test
    void aReopenedCaseIsCountedOnceAndHasNoOutcomeUntilResolvedAgain() throws Exception {
        Instant reported = Instant.parse("2012-02-03T09:00:00Z");
        var cases = new ArrayList<CaseStream>();
        for (int i = 0; i < 10; i++) {
            var stream = new CaseStream(events);
            cases.add(stream.append(report(stream, Category.VERBAL_ABUSE, "Housing"), reported));
        }
        for (var resolved : cases.subList(0, 6)) {
            resolved.append(new CaseResolved(resolved.caseId(), Outcome.UPHELD, "Summary",
                    Instant.parse("2012-05-01T00:00:00Z"), "cw.lee"), Instant.parse("2012-04-10T10:00:00Z"));
        }
        cases.get(0).append(new CaseReopened(cases.get(0).caseId(), "Appeal upheld", "mgr.jones"),
                Instant.parse("2012-04-20T10:00:00Z"));

        awaitCounts("2012-02", "outcome", Map.of("UPHELD", 5L, "NONE", 5L, "ALL", 10L));
        awaitCounts("2012-02", "resolution-time", Map.of("TWO_TO_THREE_MONTHS", 5L, "NONE", 5L, "ALL", 10L));
    }

    @Test
    void aTwoWayTableHasTotalsAndTheCsvSaysTheSame() throws Exception {
        Instant march = Instant.parse("2013-03-10T12:00:00Z");
        for (int i = 0; i < 14; i++) {
            var stream = new CaseStream(events);
            stream.append(report(stream, i < 7 ? Category.THREATS : Category.ONLINE_ABUSE,
                    i % 2 == 0 ? "Adult Social Care" : "Finance, Revenue & Benefits"), march);
        }
        awaitCounts("2013-03", "type", Map.of("ALL", 14L));

        http.perform(get("/api/trends").header("Authorization", BOARD).param("period", "quarter").param("from", "2013-02").param("to", "2013-03")
                        .param("by", "category", "area"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.from").value("2013-01"))
                .andExpect(jsonPath("$.to").value("2013-03"))
                .andExpect(jsonPath("$.dimensions[1]").value("area"))
                .andExpect(jsonPath("$.cells[?(@.category=='THREATS' && @.area=='ALL')].count").value(7))
                .andExpect(jsonPath("$.cells[?(@.category=='ALL' && @.area=='Finance, Revenue & Benefits')].count")
                        .value(7));

        String csv = http.perform(get("/api/trends.csv").header("Authorization", BOARD).param("period", "month").param("from", "2013-03")
                        .param("to", "2013-03").param("by", "category"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andReturn().getResponse().getContentAsString();
        assertThat(csv.lines().findFirst()).contains("\"period\",\"category\",\"count\"");
        assertThat(csv).contains("\"2013-03\",\"THREATS\",\"7\"", "\"2013-03\",\"ONLINE_ABUSE\",\"7\"",
                "\"2013-03\",\"ALL\",\"14\"");
    }

    @Test
    void aRangeWithTooFewCasesIsRefusedRatherThanAnswered() throws Exception {
        var stream = new CaseStream(events);
        stream.append(report(stream, Category.THREATS, "Finance"), Instant.parse("2014-06-10T12:00:00Z"));
        http.perform(get("/api/trends").header("Authorization", BOARD).param("period", "month").param("from", "2014-06").param("to", "2014-06"))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.type").value("urn:haven:problem:too-few-cases"));
    }

    @Test
    void badParametersAreNamed() throws Exception {
        http.perform(get("/api/trends").header("Authorization", BOARD).param("by", "name")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("by"));
        http.perform(get("/api/trends").header("Authorization", BOARD).param("by", "type", "category", "area")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("by"));
        http.perform(get("/api/trends").header("Authorization", BOARD).param("period", "week")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("period"));
        http.perform(get("/api/trends").header("Authorization", BOARD).param("from", "2019-13")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("from"));
        http.perform(get("/api/trends").header("Authorization", BOARD).param("from", "2019-05").param("to", "2011-01"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("from"));
    }

    @Test
    void anEventDeliveredTwiceChangesNothing() {
        var stream = new CaseStream(events);
        var report = report(stream, Category.THREATS, "Twice");
        Instant at = Instant.parse("2015-07-01T09:00:00Z");
        Handled.by(() -> projection.on(report, 0, at));
        Handled.by(() -> projection.on(triage(stream, Category.HARASSMENT), 1));
        var once = trendDocuments(stream, "2015-07");
        Handled.by(() -> projection.on(report, 0, at));
        Handled.by(() -> projection.on(triage(stream, Category.HARASSMENT), 1));
        assertThat(trendDocuments(stream, "2015-07")).isEqualTo(once);
        assertThat(once.get(0).getInteger("all")).isEqualTo(1);
    }

    @Test
    void aChangeInterruptedByACrashIsAppliedExactlyOnceWhenTheEventComesAgain() {
        var stream = new CaseStream(events);
        var report = report(stream, Category.THREATS, "Crash");
        Instant at = Instant.parse("2016-09-01T09:00:00Z");
        Handled.by(() -> projection.on(report, 0, at));
        var applied = trendDocuments(stream, "2016-09");
        String pseudonym = pseudonyms.of(stream.caseId());
        var pending = new Document("seq", 0L).append("add",
                List.copyOf(CaseFacts.from(applied.get(1)).cells())).append("remove", List.of());
        var cases = database.getCollection(TrendProjection.CASES);
        var months = database.getCollection(TrendProjection.MONTHS);

        // crashed after the month was counted, before the marks were cleared
        cases.updateOne(new Document("_id", pseudonym), new Document("$set", new Document("pending", pending)));
        months.updateOne(new Document("_id", "2016-09"),
                new Document("$push", new Document(TrendProjection.APPLYING, pseudonym + ":0")));
        Handled.by(() -> projection.on(report, 0, at));
        assertThat(trendDocuments(stream, "2016-09")).isEqualTo(applied);

        // crashed after the facts were recorded, before the month was counted
        months.deleteOne(new Document("_id", "2016-09"));
        cases.updateOne(new Document("_id", pseudonym), new Document("$set", new Document("pending", pending)));
        Handled.by(() -> projection.on(report, 0, at));
        assertThat(trendDocuments(stream, "2016-09")).isEqualTo(applied);
    }

    /** The month's counts and the case's facts, as stored. */
    private List<Document> trendDocuments(CaseStream stream, String month) {
        return List.of(database.getCollection(TrendProjection.MONTHS).find(new Document("_id", month)).first(),
                database.getCollection(TrendProjection.CASES).find(new Document("_id", pseudonyms.of(stream.caseId()))).first());
    }

    @Test
    void theTrendViewHoldsOnlyCategoricalFieldsAndRebuildsTheSame() throws Exception {
        var canary = new CaseStream(events);
        canary.append(new ReportSubmitted(canary.caseId(), "HV-CANA-RY", "$2a$10$canaryhash", ReportType.DIGNITY_AT_WORK,
                Category.DISCRIMINATION, LocalDate.parse("2017-08-01"), LocationType.WORKPLACE, "Legal Services",
                Set.of(Motivation.RACE), ReporterRole.VICTIM, false,
                new Reporter("Zebedee Canaryfield", "zebedee@example.org", "07700900123"), ContactPreference.EMAIL,
                "Zebedee Canaryfield was shouted at", List.of("Quentin Canarywood"), false, true),
                Instant.parse("2017-08-02T10:00:00Z"));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                database.getCollection(TrendProjection.MONTHS).find(new Document("_id", "2017-08")).first() != null);

        var months = database.getCollection(TrendProjection.MONTHS).find().into(new ArrayList<>());
        var cases = database.getCollection(TrendProjection.CASES).find().into(new ArrayList<>());
        String raw = months + " " + cases;
        assertThat(raw).doesNotContain("Canary", "zebedee", "07700900123", "HV-CANA-RY", canary.caseId().value(),
                "canaryhash", "2017-08-01");
        var labels = Set.of(TrendDimension.values()).stream().map(TrendDimension::label).collect(Collectors.toSet());
        for (Document month : months) {
            assertThat(month.getString("_id")).matches("\\d{4}-\\d{2}");
            for (String field : month.keySet()) {
                if (!List.of("_id", CaseFacts.ALL, TrendProjection.APPLYING).contains(field)) {
                    assertThat(labels).as(field).containsAll(List.of(field.split("&")));
                }
            }
            assertThat(month.getList(TrendProjection.APPLYING, String.class)).isEmpty();
        }
        var allowed = new java.util.HashSet<>(labels);
        allowed.addAll(List.of("_id", "month", "seq"));
        for (Document facts : cases) {
            assertThat(facts.keySet()).isSubsetOf(allowed);
            assertThat(facts.getString("month")).matches("\\d{4}-\\d{2}");
        }

        var processor = processing.eventProcessor("trends", StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                database.getCollection(TrendProjection.MONTHS).find().into(new ArrayList<>()))
                .containsExactlyInAnyOrderElementsOf(months));
    }

    private void awaitCounts(String month, String dimension, Map<String, Long> expected) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode table = trends("month", month, month, dimension);
            var counts = new HashMap<String, Long>();
            for (JsonNode cell : table.get("cells")) {
                if (expected.containsKey(cell.get(dimension).asText())) {
                    counts.put(cell.get(dimension).asText(), cell.get("count").isNull() ? null : cell.get("count").asLong());
                }
            }
            assertThat(counts).isEqualTo(expected);
        });
    }

    private JsonNode trends(String period, String from, String to, String by) throws Exception {
        String body = http.perform(get("/api/trends").header("Authorization", BOARD).param("period", period).param("from", from).param("to", to)
                .param("by", by)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return json.readTree(body);
    }

    private static JsonNode cell(JsonNode table, String category) {
        for (JsonNode cell : table.get("cells")) {
            if (cell.get("category").asText().equals(category)) {
                return cell;
            }
        }
        throw new AssertionError("no cell for " + category);
    }

    private static ReportSubmitted report(CaseStream stream, Category category, String area) {
        return new ReportSubmitted(stream.caseId(), "HV-TRND-00", "$2a$10$x", ReportType.HATE_INCIDENT, category,
                LocalDate.parse("2011-01-01"), LocationType.STREET_OR_PUBLIC_SPACE, area, Set.of(Motivation.RACE),
                ReporterRole.WITNESS, true, null, ContactPreference.FOLLOW_UP_ONLY, "narrative", List.of(), false, false);
    }

    private static CaseTriaged triage(CaseStream stream, Category category) {
        return new CaseTriaged(stream.caseId(), category, Set.of(ProtectedCharacteristic.RACE), Set.of(), RiskLevel.LOW,
                Route.INFORMAL_RESOLUTION, LocalDate.parse("2011-01-20"), LocalDate.parse("2011-03-01"), "cw.lee");
    }
}
