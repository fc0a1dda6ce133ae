package haven.query.trends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import haven.events.CaseTriaged;
import haven.events.Category;
import haven.events.ContactPreference;
import haven.events.LocationType;
import haven.events.Motivation;
import haven.events.ProtectedCharacteristic;
import haven.events.ReportRoutedToTeam;
import haven.events.ReportSubmitted;
import haven.events.ReportType;
import haven.events.ReporterRole;
import haven.events.RiskLevel;
import haven.events.Route;
import haven.infra.security.Role;
import haven.infra.security.TestTokens;
import haven.query.CaseStream;
import haven.query.QueryServiceTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The demo partnership's boards: each partner's board reads its own cases only, one dimension at a
 * time; the partnership's board reads everyone's, together and by partner. What either reads is
 * one protected set: a partner too small to show stays hidden however the tables are combined.
 */
@QueryServiceTest(database = "partnership-trend-tests", properties = "haven.partnership=demo")
class PartnershipTrendsTest {

    static final String COUNCIL_BOARD = TestTokens.bearerOf("castle-council", "board.chair", null, Role.BOARD);
    static final String POLICE_BOARD = TestTokens.bearerOf("castle-police", "board.police", null, Role.BOARD);
    static final String HOMES_BOARD = TestTokens.bearerOf("castle-homes", "board.homes", null, Role.BOARD);
    static final String PARTNERSHIP_BOARD =
            TestTokens.bearerOf("castle-council", "chair.partnership", null, Role.PARTNERSHIP_BOARD);
    static final Instant MARCH = Instant.parse("2012-03-14T12:00:00Z");

    @Autowired
    MockMvc http;

    @Autowired
    EventStore events;

    @Autowired
    ObjectMapper json;

    @Test
    void eachPartnersBoardReadsItsOwnAndThePartnershipsBoardReadsEveryoneTogetherAndByPartner() throws Exception {
        report("castle-council", 14, Category.BULLYING);
        report("castle-council", 6, Category.THREATS);
        report("castle-police", 12, Category.THREATS);
        report("castle-homes", 3, Category.THREATS); // too few to show, whoever asks
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(totals(PARTNERSHIP_BOARD, "")).containsEntry("ALL", 35L));

        // the partnership's board: everyone, and by partner with the small partner hidden
        var byPartner = totals(PARTNERSHIP_BOARD, "organisation");
        assertThat(byPartner)
                .containsEntry("ALL", 35L)
                .containsEntry("castle-homes", null)
                .containsEntry("castle-council", 20L);
        // 35 − 20 would leave the police and Castle Homes together; the police's own count goes too
        assertThat(byPartner).containsEntry("castle-police", null);

        // the council's board reads its own 20 cases and nothing of anyone else's
        assertThat(totals(COUNCIL_BOARD, "")).containsOnlyKeys("ALL").containsEntry("ALL", 20L);
        var councilsByCategory = ask(COUNCIL_BOARD, "category");
        assertThat(counts(councilsByCategory, "category")).containsEntry("ALL", 20L);
        assertThat(councilsByCategory.toString()).doesNotContain("organisation", "castle-police");

        // the police's own total is hidden in its own table too: one protected set, never two answers
        assertThat(totals(POLICE_BOARD, "")).containsOnlyKeys("ALL").containsEntry("ALL", null);
        trends(HOMES_BOARD, "").andExpect(status().isUnprocessableEntity());

        trends(COUNCIL_BOARD, "organisation")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("by"));
        trends(COUNCIL_BOARD, "category", "area")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("by"));
        // the partnership's board crosses partners with anything, by month as well as by year
        var crossed = json.readTree(trends(PARTNERSHIP_BOARD, "category", "organisation")
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        // and the council's own table is exactly the council's row of it: one protected set, one answer
        var councilsRow = new HashMap<String, Long>();
        for (JsonNode cell : crossed.get("cells")) {
            if (cell.get("organisation").asText().equals("castle-council")) {
                councilsRow.put(
                        cell.get("category").asText(),
                        cell.get("count").isNull() ? null : cell.get("count").asLong());
            }
        }
        assertThat(councilsRow).isEqualTo(counts(councilsByCategory, "category"));
    }

    private void report(String organisation, int cases, Category category) {
        for (int i = 0; i < cases; i++) {
            var stream = new CaseStream(events);
            stream.append(
                            new ReportSubmitted(
                                    stream.caseId(),
                                    "HV-PART-00",
                                    "$2a$10$x",
                                    ReportType.HATE_INCIDENT,
                                    category,
                                    LocalDate.parse("2012-03-01"),
                                    LocationType.STREET_OR_PUBLIC_SPACE,
                                    "CASTLE",
                                    Set.of(Motivation.RACE),
                                    ReporterRole.WITNESS,
                                    true,
                                    null,
                                    ContactPreference.FOLLOW_UP_ONLY,
                                    "narrative",
                                    List.of(),
                                    false,
                                    false,
                                    organisation),
                            MARCH)
                    .append(new ReportRoutedToTeam(stream.caseId(), "intake", organisation), MARCH)
                    .append(
                            new CaseTriaged(
                                    stream.caseId(),
                                    category,
                                    Set.of(ProtectedCharacteristic.RACE),
                                    Set.of(),
                                    RiskLevel.LOW,
                                    Route.INFORMAL_RESOLUTION,
                                    LocalDate.parse("2012-03-20"),
                                    LocalDate.parse("2012-05-01"),
                                    "cw.lee",
                                    null),
                            MARCH);
        }
    }

    /** March 2012's counts by {@code dimension} ("" for the total), hidden ones as null. */
    private Map<String, Long> totals(String bearer, String dimension) throws Exception {
        return counts(ask(bearer, dimension), dimension);
    }

    private JsonNode ask(String bearer, String... by) throws Exception {
        return json.readTree(trends(bearer, by)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    private ResultActions trends(String bearer, String... by) throws Exception {
        var request = get("/api/trends")
                .header("Authorization", bearer)
                .param("period", "month")
                .param("from", "2012-03")
                .param("to", "2012-03");
        for (String dimension : by) {
            if (!dimension.isEmpty()) {
                request.param("by", dimension);
            }
        }
        return http.perform(request);
    }

    private static Map<String, Long> counts(JsonNode table, String dimension) {
        var counts = new HashMap<String, Long>();
        for (JsonNode cell : table.get("cells")) {
            String value = dimension.isEmpty() ? "ALL" : cell.get(dimension).asText();
            counts.put(
                    value, cell.get("count").isNull() ? null : cell.get("count").asLong());
        }
        return counts;
    }
}
