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
import haven.events.DeadlineBasis;
import haven.events.DeadlinesSet;
import haven.events.HistoricalCaseImported;
import haven.events.IntakeChannel;
import haven.events.LocationType;
import haven.events.MessageToReporterSent;
import haven.events.MonitoredStrand;
import haven.events.Motivation;
import haven.events.Outcome;
import haven.events.ProtectedCharacteristic;
import haven.events.ReportRecordedOnBehalf;
import haven.events.ReportSubmitted;
import haven.events.ReportType;
import haven.events.Reporter;
import haven.events.ReporterRole;
import haven.events.RespondentRecorded;
import haven.events.RespondentRelationship;
import haven.events.RiskLevel;
import haven.events.Route;
import haven.infra.council.Areas;
import haven.infra.security.Role;
import haven.infra.security.TestTokens;
import haven.query.CaseStream;
import haven.query.Handled;
import haven.query.QueryServiceTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Its own database, so no other test context shares its processors. Each test reports its cases in
 * its own past year: a year's tables are protected together, so counts elsewhere in it would change
 * what may be shown.
 */
@QueryServiceTest(database = "trend-tests")
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

    @Test
    void recategorisingAtTriageMovesACaseBetweenCellsAndSmallCellsStayHidden() throws Exception {
        Instant january = Instant.parse("2011-01-15T12:00:00Z");
        var cases = new ArrayList<CaseStream>();
        for (int i = 0; i < 12; i++) {
            var stream = new CaseStream(events);
            cases.add(stream.append(report(stream, Category.BULLYING, "CASTLE"), january)
                    .append(triage(stream, i == 0 ? Category.HARASSMENT : Category.BULLYING), january));
        }
        awaitCounts("2011-01", "type", Map.of("ALL", 12L));

        JsonNode table = trends("month", "2011-01", "2011-01", "category");
        // HARASSMENT (1) is below 5; the zeros beside it are hidden, so it cannot be told from them, and
        // BULLYING (11) too, or 12 − 11 would leave it between 0 and 1
        assertThat(cell(table, "HARASSMENT").get("suppressed").asBoolean()).isTrue();
        assertThat(cell(table, "HARASSMENT").get("count").isNull()).isTrue();
        assertThat(cell(table, "THREATS").get("suppressed").asBoolean()).isTrue();
        assertThat(cell(table, "BULLYING").get("suppressed").asBoolean()).isTrue();
        assertThat(cell(table, "ALL").get("count").asLong()).isEqualTo(12);

        for (var moved : cases.subList(1, 6)) {
            moved.append(triage(moved, Category.HARASSMENT), january);
        }
        awaitCounts("2011-01", "category", Map.of("BULLYING", 6L, "HARASSMENT", 6L, "THREATS", 0L, "ALL", 12L));
    }

    @Test
    void onlyCasesStaffHaveTriagedAreCountedSoMadeUpReportsMoveNothing() throws Exception {
        Instant may = Instant.parse("2011-05-10T12:00:00Z");
        for (int i = 0; i < 10; i++) {
            var stream = new CaseStream(events);
            stream.append(report(stream, Category.THREATS, "ABBEY"), may).append(triage(stream, Category.THREATS), may);
        }
        awaitCounts("2011-05", "area", Map.of("ABBEY", 10L, "ALL", 10L));
        String before = body("month", "2011-05", "2011-05", "area");

        // someone pads a hidden cell with made-up anonymous reports; nobody triages them
        for (int i = 0; i < 20; i++) {
            var stream = new CaseStream(events);
            stream.append(report(stream, Category.THREATS, "PRIORY"), may);
        }
        var padding = new CaseStream(events);
        padding.append(report(padding, Category.THREATS, "PRIORY"), may);
        awaitFacts(padding);
        assertThat(body("month", "2011-05", "2011-05", "area")).isEqualTo(before);
    }

    @Test
    void whatTheReporterPerceivedIsKeptBesideWhatStaffConfirm() throws Exception {
        Instant june = Instant.parse("2011-06-10T12:00:00Z");
        for (int i = 0; i < 10; i++) {
            var stream = new CaseStream(events);
            stream.append(
                            report(
                                    stream,
                                    Category.VERBAL_ABUSE,
                                    "MARKET",
                                    Set.of(Motivation.RELIGION_OR_BELIEF, Motivation.RACE)),
                            june)
                    .append(
                            new CaseTriaged(
                                    stream.caseId(),
                                    Category.VERBAL_ABUSE,
                                    Set.of(ProtectedCharacteristic.RELIGION_OR_BELIEF),
                                    Set.of(MonitoredStrand.RELIGION),
                                    RiskLevel.LOW,
                                    Route.INFORMAL_RESOLUTION,
                                    LocalDate.parse("2011-06-20"),
                                    LocalDate.parse("2011-07-20"),
                                    "cw.lee",
                                    null),
                            june);
        }
        awaitCounts("2011-06", "perceived-motivation", Map.of("RACE", 10L, "RELIGION_OR_BELIEF", 10L, "ALL", 10L));
        awaitCounts("2011-06", "characteristic", Map.of("RACE", 0L, "RELIGION_OR_BELIEF", 10L, "ALL", 10L));
        awaitCounts("2011-06", "strand", Map.of("RACE", 0L, "RELIGION", 10L, "ALL", 10L));
    }

    @Test
    void freeTextAreasCountAsNotCodedAndNeverReachTheBoard() throws Exception {
        Instant july = Instant.parse("2011-07-10T12:00:00Z");
        for (int i = 0; i < 10; i++) {
            var stream = new CaseStream(events);
            stream.append(report(stream, Category.THREATS, i < 5 ? "Highways near Mr Smith's" : "WESTBURY"), july)
                    .append(triage(stream, Category.THREATS), july);
        }
        awaitCounts("2011-07", "area", Map.of(Areas.NOT_CODED, 5L, "WESTBURY", 5L, "ALL", 10L));
        assertThat(body("month", "2011-07", "2011-07", "area")).doesNotContain("Highways", "Smith");
    }

    @Test
    void casesResolvedInAMonthAreCountedThereAndAReopeningThatMonthTakesOneBackOut() throws Exception {
        Instant reported = Instant.parse("2012-02-03T09:00:00Z");
        var cases = new ArrayList<CaseStream>();
        for (int i = 0; i < 12; i++) {
            var stream = new CaseStream(events);
            cases.add(stream.append(report(stream, Category.VERBAL_ABUSE, "RIVERSIDE"), reported)
                    .append(triage(stream, Category.VERBAL_ABUSE), reported));
        }
        for (var resolved : cases.subList(0, 11)) {
            resolved.append(
                    new CaseResolved(
                            resolved.caseId(),
                            Outcome.UPHELD,
                            "Summary",
                            Instant.parse("2012-05-01T00:00:00Z"),
                            "cw.lee"),
                    Instant.parse("2012-04-10T10:00:00Z"));
        }
        cases.get(0)
                .append(
                        new CaseReopened(cases.get(0).caseId(), "Appeal upheld", "mgr.jones"),
                        Instant.parse("2012-04-20T10:00:00Z"));
        // reopened in a later month: April's count stays as it was when April ended
        cases.get(1)
                .append(
                        new CaseReopened(cases.get(1).caseId(), "New evidence", "mgr.jones"),
                        Instant.parse("2012-05-02T10:00:00Z"));

        awaitCounts("2012-04", "outcome", Map.of("UPHELD", 10L, "ALL", 10L));
        // and each reopening counts in its own month, as the board pack's reopened cases
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(List.of("reopened/2012-04", "reopened/2012-05").stream()
                                .map(id -> database.getCollection(TrendProjection.MONTHS)
                                        .find(new Document("_id", id))
                                        .first())
                                .map(month -> month == null ? 0 : month.getInteger(CaseFacts.ALL)))
                        .containsExactly(1, 1));
        awaitCounts("2012-04", "resolution-time", Map.of("TWO_TO_THREE_MONTHS", 10L, "ALL", 10L));
        awaitCounts("2012-02", "category", Map.of("VERBAL_ABUSE", 12L, "ALL", 12L));
    }

    @Test
    void resolvedCasesAreCountedByWhoThePeopleComplainedAboutAreToTheReporter() throws Exception {
        Instant reported = Instant.parse("2013-02-04T09:00:00Z");
        for (int i = 0; i < 14; i++) {
            var stream = new CaseStream(events);
            stream.append(report(stream, Category.HARASSMENT, "RIVERSIDE"), reported)
                    .append(triage(stream, Category.HARASSMENT), reported)
                    .append(
                            new RespondentRecorded(
                                    stream.caseId(),
                                    "r-1",
                                    "A name",
                                    null,
                                    i < 8
                                            ? RespondentRelationship.MANAGER
                                            : RespondentRelationship.MEMBER_OF_THE_PUBLIC,
                                    "cw.lee"),
                            Instant.parse("2013-03-11T10:00:00Z"));
            if (i < 5) { // harassed by a manager and a colleague together: counted under each
                stream.append(
                        new RespondentRecorded(
                                stream.caseId(), "r-2", "Another", null, RespondentRelationship.COLLEAGUE, "cw.lee"),
                        Instant.parse("2013-03-12T10:00:00Z"));
            }
            stream.append(
                    new CaseResolved(
                            stream.caseId(),
                            Outcome.UPHELD,
                            "Summary",
                            Instant.parse("2013-05-01T00:00:00Z"),
                            "cw.lee"),
                    Instant.parse("2013-04-10T10:00:00Z"));
        }

        awaitCounts(
                "2013-04",
                "respondent",
                Map.of("MANAGER", 8L, "MEMBER_OF_THE_PUBLIC", 6L, "COLLEAGUE", 5L, "NONE", 0L, "ALL", 14L));
    }

    @Test
    void aTwoWayTableIsAFinancialYearsAndHasTotalsAndTheCsvSaysTheSame() throws Exception {
        Instant march = Instant.parse("2013-03-10T12:00:00Z");
        for (int i = 0; i < 14; i++) {
            var stream = new CaseStream(events);
            stream.append(
                            report(
                                    stream,
                                    i < 7 ? Category.THREATS : Category.ONLINE_ABUSE,
                                    i % 2 == 0 ? "ADULTS" : "RESOURCES"),
                            march)
                    .append(triage(stream, i < 7 ? Category.THREATS : Category.ONLINE_ABUSE), march);
        }
        awaitCounts("2013-03", "type", Map.of("ALL", 14L));

        http.perform(get("/api/trends")
                        .header("Authorization", BOARD)
                        .param("period", "financial-year")
                        .param("from", "2013-02")
                        .param("to", "2013-03")
                        .param("by", "category", "area"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.from").value("2012-04"))
                .andExpect(jsonPath("$.to").value("2013-03"))
                .andExpect(jsonPath("$.dimensions[1]").value("area"))
                .andExpect(jsonPath("$.cells[0].period").value("2012/13"))
                .andExpect(jsonPath("$.cells[?(@.category=='THREATS' && @.area=='ALL')].count")
                        .value(7))
                .andExpect(jsonPath("$.cells[?(@.category=='ALL' && @.area=='RESOURCES')].count")
                        .value(7));
        http.perform(get("/api/trends")
                        .header("Authorization", BOARD)
                        .param("period", "quarter")
                        .param("by", "category", "area"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("by"));

        String csv = http.perform(get("/api/trends.csv")
                        .header("Authorization", BOARD)
                        .param("period", "month")
                        .param("from", "2013-03")
                        .param("to", "2013-03")
                        .param("by", "category"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(csv.lines().findFirst()).contains("\"period\",\"category\",\"count\"");
        assertThat(csv)
                .contains(
                        "\"2013-03\",\"THREATS\",\"7\"",
                        "\"2013-03\",\"ONLINE_ABUSE\",\"7\"",
                        "\"2013-03\",\"ALL\",\"14\"");
    }

    @Test
    void aReportMadeNowChangesNothingPublishedSoNobodyLearnsAboutItByReadingTwice() throws Exception {
        var lastYear = java.time.YearMonth.now().minusMonths(13);
        Instant then = lastYear.atDay(10).atTime(12, 0).toInstant(java.time.ZoneOffset.UTC);
        for (int i = 0; i < 10; i++) {
            var stream = new CaseStream(events);
            stream.append(report(stream, Category.THREATS, "SOUTHGATE"), then)
                    .append(triage(stream, Category.THREATS), then);
        }
        awaitCounts(lastYear.toString(), "area", Map.of("SOUTHGATE", 10L, "ALL", 10L));
        var readings = List.of(
                List.of("month", "category"),
                List.of("quarter", "area"),
                List.of("financial-year", "type"),
                List.of("year", "reporter-role"));
        var before = new ArrayList<String>();
        for (var reading : readings) {
            before.add(body(reading.get(0), lastYear.minusMonths(12).toString(), null, reading.get(1)));
        }

        var now = new CaseStream(events);
        now.append(report(now, Category.ONLINE_ABUSE, "SOUTHGATE")).append(triage(now, Category.ONLINE_ABUSE));
        awaitFacts(now);
        for (int i = 0; i < readings.size(); i++) {
            assertThat(body(
                            readings.get(i).get(0),
                            lastYear.minusMonths(12).toString(),
                            null,
                            readings.get(i).get(1)))
                    .as("%s read again", readings.get(i))
                    .isEqualTo(before.get(i));
        }
    }

    @Test
    void importedHistoryCountsInItsReportedMonthAndTheMonthItClosedWheneverItWasImported() throws Exception {
        for (int i = 0; i < 12; i++) {
            var stream = new CaseStream(events);
            stream.append(new HistoricalCaseImported(
                    stream.caseId(),
                    ReportType.HATE_INCIDENT,
                    Category.THREATS,
                    java.time.YearMonth.of(2018, 5),
                    i < 6 ? "ABBEY" : "NOT_SURE",
                    null,
                    null,
                    Set.of(Motivation.DISABILITY),
                    Set.of(ProtectedCharacteristic.DISABILITY),
                    Set.of(MonitoredStrand.DISABILITY),
                    Outcome.UPHELD,
                    LocalDate.parse("2018-07-20"),
                    "dpo.smith",
                    null));
        }
        awaitCounts("2018-05", "area", Map.of("ABBEY", 6L, Areas.NOT_SURE, 6L, "ALL", 12L));
        awaitCounts("2018-05", "location-type", Map.of(TrendDimension.NONE, 12L, "ALL", 12L));
        awaitCounts("2018-07", "outcome", Map.of("UPHELD", 12L, "ALL", 12L));
        awaitCounts("2018-07", "resolution-time", Map.of("TWO_TO_THREE_MONTHS", 12L, "ALL", 12L));
    }

    @Test
    void serviceMeasuresCountWhetherReportersWereContactedAndCasesResolvedByTheirDeadlines() throws Exception {
        Instant reported = Instant.parse("2019-03-01T09:00:00Z");
        var firstContactDue = LocalDate.parse("2019-03-05");
        var resolutionDue = LocalDate.parse("2019-03-31");
        for (int i = 0; i < 24; i++) {
            var stream = new CaseStream(events);
            // half triaged as before deadlines were counted from receipt (the dates in the triage), half since
            boolean datesApart = i % 2 == 1;
            stream.append(report(stream, Category.THREATS, "PRIORY"), reported)
                    .append(
                            new CaseTriaged(
                                    stream.caseId(),
                                    Category.THREATS,
                                    Set.of(),
                                    Set.of(),
                                    RiskLevel.HIGH,
                                    Route.FORMAL_INVESTIGATION,
                                    datesApart ? null : firstContactDue,
                                    datesApart ? null : resolutionDue,
                                    "cw.lee",
                                    null),
                            reported);
            if (datesApart) {
                stream.append(
                        new DeadlinesSet(stream.caseId(), null, firstContactDue, resolutionDue, DeadlineBasis.TRIAGE),
                        reported);
            }
            if (i < 12) {
                stream.append(
                        new MessageToReporterSent(stream.caseId(), "m-" + i, "We are on it", "cw.lee"),
                        Instant.parse("2019-03-04T10:00:00Z"));
                stream.append(
                        new CaseResolved(
                                stream.caseId(),
                                Outcome.UPHELD,
                                "Summary",
                                Instant.parse("2019-04-20T00:00:00Z"),
                                "cw.lee"),
                        Instant.parse("2019-03-20T10:00:00Z"));
            } else { // nobody wrote to them; the resolution, late, was the first they heard
                stream.append(
                        new CaseResolved(
                                stream.caseId(),
                                Outcome.UPHELD,
                                "Summary",
                                Instant.parse("2019-05-10T00:00:00Z"),
                                "cw.lee"),
                        Instant.parse("2019-04-10T10:00:00Z"));
            }
        }
        awaitCounts("2019-03", "first-contact", Map.of("MET", 12L, "MISSED", 0L, "ALL", 12L));
        awaitCounts("2019-03", "resolution-deadline", Map.of("MET", 12L, "MISSED", 0L, "ALL", 12L));
        awaitCounts("2019-04", "first-contact", Map.of("MET", 0L, "MISSED", 12L, "ALL", 12L));
        awaitCounts("2019-04", "resolution-deadline", Map.of("MET", 0L, "MISSED", 12L, "ALL", 12L));
    }

    @Test
    void casesAreCountedByHowTheyReachedHaven() {
        Instant june = Instant.parse("2023-06-14T12:00:00Z");
        for (int i = 0; i < 12; i++) {
            var stream = new CaseStream(events);
            stream.append(report(stream, Category.THREATS, "ABBEY"), june);
            if (i < 6) {
                stream.append(
                        new ReportRecordedOnBehalf(stream.caseId(), IntakeChannel.PHONE, "cw.lee", null, false), june);
            }
            stream.append(triage(stream, Category.THREATS), june);
        }
        awaitCounts("2023-06", "channel", Map.of("PHONE", 6L, "ONLINE", 6L, "REPORTING_CENTRE", 0L, "ALL", 12L));
    }

    @Test
    void aRangeWithTooFewCasesIsRefusedRatherThanAnswered() throws Exception {
        var stream = new CaseStream(events);
        stream.append(report(stream, Category.THREATS, "ABBEY"), Instant.parse("2014-06-10T12:00:00Z"))
                .append(triage(stream, Category.THREATS), Instant.parse("2014-06-10T12:00:00Z"));
        http.perform(get("/api/trends")
                        .header("Authorization", BOARD)
                        .param("period", "month")
                        .param("from", "2014-06")
                        .param("to", "2014-06"))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.type").value("urn:haven:problem:too-few-cases"));
    }

    @Test
    void badParametersAreNamed() throws Exception {
        http.perform(get("/api/trends").header("Authorization", BOARD).param("by", "name"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("by"));
        http.perform(get("/api/trends").header("Authorization", BOARD).param("by", "type", "category", "area"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("by"));
        http.perform(get("/api/trends").header("Authorization", BOARD).param("period", "week"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("period"));
        http.perform(get("/api/trends").header("Authorization", BOARD).param("cases", "everything"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("cases"));
        http.perform(get("/api/trends")
                        .header("Authorization", BOARD)
                        .param("cases", "reopened")
                        .param("by", "outcome"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("by"));
        http.perform(get("/api/trends").header("Authorization", BOARD).param("from", "2019-13"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("from"));
        http.perform(get("/api/trends")
                        .header("Authorization", BOARD)
                        .param("from", "2019-05")
                        .param("to", "2011-01"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("from"));
    }

    @Test
    void anEventDeliveredTwiceChangesNothing() {
        var stream = new CaseStream(events);
        var report = report(stream, Category.THREATS, "ABBEY");
        Instant at = Instant.parse("2015-07-01T09:00:00Z");
        Handled.by(() -> projection.on(report, 0, at));
        Handled.by(() -> projection.on(triage(stream, Category.HARASSMENT), 1, at));
        var once = trendDocuments(stream, "recorded/2015-07");
        Handled.by(() -> projection.on(report, 0, at));
        Handled.by(() -> projection.on(triage(stream, Category.HARASSMENT), 1, at));
        assertThat(trendDocuments(stream, "recorded/2015-07")).isEqualTo(once);
        assertThat(once.get(0).getInteger("all")).isEqualTo(1);
    }

    /** Changes are kept as the snapshots they count; those kept as lists of cells (before) still apply. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aChangeInterruptedByACrashIsAppliedExactlyOnceWhenTheEventComesAgain(boolean keptAsCells) {
        var stream = new CaseStream(events);
        var report = report(stream, Category.THREATS, "ABBEY");
        var triage = triage(stream, Category.THREATS);
        // a month each: the second deletes its month's counts
        YearMonth triaged = YearMonth.parse(keptAsCells ? "2016-10" : "2016-09");
        Instant at = Instant.parse(triaged + "-01T09:00:00Z");
        Handled.by(() -> projection.on(report, 0, at));
        Handled.by(() -> projection.on(triage, 1, at));
        String month = Population.RECORDED.document(triaged);
        var applied = trendDocuments(stream, month);
        String pseudonym = pseudonyms.of(stream.caseId());
        var recorded =
                CaseFacts.from(applied.get(1).get("counted", Document.class).get("recorded", Document.class));
        var change = keptAsCells
                ? new Document("month", month)
                        .append("add", List.copyOf(recorded.cells(Population.RECORDED)))
                        .append("remove", List.of())
                : new TrendProjection.Counted.Counts(
                                Population.RECORDED, new TrendProjection.Counted.Snapshot(triaged, recorded))
                        .toDocument(1);
        var pending = new Document("seq", 1L).append("changes", List.of(change));
        var cases = database.getCollection(TrendProjection.CASES);
        var months = database.getCollection(TrendProjection.MONTHS);

        // crashed after the month was counted, before the marks were cleared
        cases.updateOne(new Document("_id", pseudonym), new Document("$set", new Document("pending", pending)));
        months.updateOne(
                new Document("_id", month),
                new Document("$push", new Document(TrendProjection.APPLYING, pseudonym + ":1")));
        Handled.by(() -> projection.on(triage, 1, at));
        assertThat(trendDocuments(stream, month)).isEqualTo(applied);

        // crashed after the facts were recorded, before the month was counted
        months.deleteOne(new Document("_id", month));
        cases.updateOne(new Document("_id", pseudonym), new Document("$set", new Document("pending", pending)));
        Handled.by(() -> projection.on(triage, 1, at));
        assertThat(trendDocuments(stream, month)).isEqualTo(applied);
    }

    /** The month's counts and the case's facts, as stored. */
    private List<Document> trendDocuments(CaseStream stream, String month) {
        return List.of(
                database.getCollection(TrendProjection.MONTHS)
                        .find(new Document("_id", month))
                        .first(),
                database.getCollection(TrendProjection.CASES)
                        .find(new Document("_id", pseudonyms.of(stream.caseId())))
                        .first());
    }

    /** Waits until the trend view has taken in the case's last event. */
    private void awaitFacts(CaseStream stream) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> database.getCollection(TrendProjection.CASES)
                                .find(new Document("_id", pseudonyms.of(stream.caseId())))
                                .first()
                        != null);
    }

    @Test
    void theTrendViewHoldsOnlyCategoricalFieldsAndRebuildsTheSame() throws Exception {
        var canary = new CaseStream(events);
        canary.append(
                new ReportSubmitted(
                        canary.caseId(),
                        "HV-CANA-RY",
                        "$2a$10$canaryhash",
                        ReportType.DIGNITY_AT_WORK,
                        Category.DISCRIMINATION,
                        LocalDate.parse("2017-08-01"),
                        LocationType.WORKPLACE,
                        "Legal Services",
                        Set.of(Motivation.RACE),
                        ReporterRole.VICTIM,
                        false,
                        new Reporter("Zebedee Canaryfield", "zebedee@example.org", "07700900123"),
                        ContactPreference.EMAIL,
                        "Zebedee Canaryfield was shouted at",
                        List.of("Quentin Canarywood"),
                        false,
                        true,
                        null),
                Instant.parse("2017-08-02T10:00:00Z"));
        canary.append(triage(canary, Category.DISCRIMINATION), Instant.parse("2017-08-03T10:00:00Z"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> database.getCollection(TrendProjection.MONTHS)
                                .find(new Document("_id", "recorded/2017-08"))
                                .first()
                        != null);

        var months = database.getCollection(TrendProjection.MONTHS).find().into(new ArrayList<>());
        var cases = database.getCollection(TrendProjection.CASES).find().into(new ArrayList<>());
        String raw = months + " " + cases;
        assertThat(raw)
                .doesNotContain(
                        "Canary",
                        "zebedee",
                        "07700900123",
                        "HV-CANA-RY",
                        canary.caseId().value(),
                        "canaryhash",
                        "2017-08-01",
                        "Legal Services");
        var labels = Set.of(TrendDimension.values()).stream()
                .map(TrendDimension::label)
                .collect(Collectors.toSet());
        for (Document month : months) {
            assertThat(month.getString("_id"))
                    .matches("(recorded|resolved|reopened|victimised|monitoring-returns)/\\d{4}-\\d{2}");
            for (String field : month.keySet()) {
                // a month of monitoring returns notes the random ids of those it has counted, and nothing else of them
                if (!List.of(
                                "_id",
                                CaseFacts.ALL,
                                TrendProjection.APPLYING,
                                TrendProjection.RETURNS_COUNTED,
                                TrendProjection.VERSION)
                        .contains(field)) {
                    assertThat(labels).as(field).containsAll(List.of(field.split("&")));
                }
            }
            assertThat(month.getList(TrendProjection.APPLYING, String.class, List.of()))
                    .isEmpty();
        }
        var allowed = new java.util.HashSet<>(labels);
        allowed.addAll(List.of("month", "in"));
        for (Document facts : cases) {
            // an open case's deadlines are kept until it is resolved, for its service measures
            assertThat(facts.keySet())
                    .contains("_id", "seq", "facts", "counted", "touched")
                    .isSubsetOf("_id", "seq", "facts", "counted", "touched", "deadlines");
            assertThat(facts.get("facts", Document.class).keySet()).isSubsetOf(allowed);
            facts.get("counted", Document.class)
                    .values()
                    .forEach(snapshot ->
                            assertThat(((Document) snapshot).keySet()).isSubsetOf(allowed));
            assertThat(facts.get("facts", Document.class).getString("month")).matches("\\d{4}-\\d{2}");
        }

        var processor = processing
                .eventProcessor("trends-v3", StreamingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(inAnyOrder(database.getCollection(TrendProjection.MONTHS)
                                .find()
                                .into(new ArrayList<>())))
                        .containsExactlyInAnyOrderElementsOf(inAnyOrder(months)));
    }

    /**
     * Monitoring returns are counted in whatever order the segments take them: the ids noted, sorted;
     * and without the months' versions, which count writes, not cases.
     */
    private static List<Document> inAnyOrder(List<Document> months) {
        months.forEach(month -> {
            month.remove(TrendProjection.VERSION);
            if (month.containsKey(TrendProjection.RETURNS_COUNTED)) {
                month.put(
                        TrendProjection.RETURNS_COUNTED,
                        month.getList(TrendProjection.RETURNS_COUNTED, String.class).stream()
                                .sorted()
                                .toList());
            }
        });
        return months;
    }

    private void awaitCounts(String month, String dimension, Map<String, Long> expected) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode table = trends("month", month, month, dimension);
            var counts = new HashMap<String, Long>();
            for (JsonNode cell : table.get("cells")) {
                if (expected.containsKey(cell.get(dimension).asText())) {
                    counts.put(
                            cell.get(dimension).asText(),
                            cell.get("count").isNull()
                                    ? null
                                    : cell.get("count").asLong());
                }
            }
            assertThat(counts).isEqualTo(expected);
        });
    }

    private JsonNode trends(String period, String from, String to, String by) throws Exception {
        return json.readTree(body(period, from, to, by));
    }

    private String body(String period, String from, String to, String by) throws Exception {
        var request = get("/api/trends")
                .header("Authorization", BOARD)
                .param("period", period)
                .param("from", from)
                .param("by", by);
        if (to != null) {
            request.param("to", to);
        }
        return http.perform(request)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
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
        return report(stream, category, area, Set.of(Motivation.RACE));
    }

    private static ReportSubmitted report(
            CaseStream stream, Category category, String area, Set<Motivation> perceived) {
        return new ReportSubmitted(
                stream.caseId(),
                "HV-TRND-00",
                "$2a$10$x",
                ReportType.HATE_INCIDENT,
                category,
                LocalDate.parse("2011-01-01"),
                LocationType.STREET_OR_PUBLIC_SPACE,
                area,
                perceived,
                ReporterRole.WITNESS,
                true,
                null,
                ContactPreference.FOLLOW_UP_ONLY,
                "narrative",
                List.of(),
                false,
                false,
                null);
    }

    private static CaseTriaged triage(CaseStream stream, Category category) {
        return new CaseTriaged(
                stream.caseId(),
                category,
                Set.of(ProtectedCharacteristic.RACE),
                Set.of(),
                RiskLevel.LOW,
                Route.INFORMAL_RESOLUTION,
                LocalDate.parse("2011-01-20"),
                LocalDate.parse("2011-03-01"),
                "cw.lee",
                null);
    }
}
