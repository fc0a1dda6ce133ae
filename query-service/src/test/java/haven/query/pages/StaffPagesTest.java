package haven.query.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import haven.events.CaseId;
import haven.events.CaseTriaged;
import haven.events.CaseworkerAssigned;
import haven.events.Category;
import haven.events.ContactPreference;
import haven.events.InvestigationNoteAdded;
import haven.events.LocationType;
import haven.events.MessageFromReporterReceived;
import haven.events.MessageToReporterSent;
import haven.events.ReportSubmitted;
import haven.events.ReportType;
import haven.events.Reporter;
import haven.events.ReporterRole;
import haven.events.RiskLevel;
import haven.events.Route;
import haven.infra.security.Role;
import haven.infra.security.TestTokens;
import haven.query.CaseStream;
import haven.query.PageLogin;
import haven.query.QueryServiceTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The staff pages as each role sees them, signed in through the pages' OpenID Connect login
 * (stood in for by Spring Security's test login). What the forms send is covered, against the real
 * command-service, by the browser tests.
 */
@QueryServiceTest(database = "staff-pages-tests")
class StaffPagesTest {

    static final String TEAM = "equality";

    @Autowired
    MockMvc http;

    @Autowired
    EventStore events;

    @Test
    void staffSignInFirstAndEachRoleOpensOnlyItsOwnPages() throws Exception {
        http.perform(get("/cases")).andExpect(redirectedUrlPattern("**/sign-in"));
        assertThat(page(get("/sign-in"), 200))
                .contains("href=\"/oauth2/authorization/haven\"", "you do not need to sign in");

        http.perform(get("/cases").with(PageLogin.as("board.chair", null, Role.BOARD)))
                .andExpect(status().isForbidden())
                .andExpect(forwardedUrl("/forbidden"));
        page(get("/trends").with(PageLogin.as("cw.lee", TEAM, Role.CASEWORKER)), 403);
        page(get("/admin").with(PageLogin.as("mgr.jones", TEAM, Role.CASE_MANAGER)), 403);

        http.perform(get("/staff").with(PageLogin.as("cw.lee", TEAM, Role.CASEWORKER)))
                .andExpect(redirectedUrl("/cases"));
        http.perform(get("/staff").with(PageLogin.as("board.chair", null, Role.BOARD)))
                .andExpect(redirectedUrl("/trends"));
        http.perform(get("/staff").with(PageLogin.as("dpo.smith", null, Role.ADMIN)))
                .andExpect(redirectedUrl("/admin"));
        assertThat(page(get("/staff").with(PageLogin.as("rep.khan", null, Role.REPORTER)), 200))
                .contains("There is nothing for you to manage here");
    }

    @Test
    void aCaseworkerSeesTheirOverdueCaseAndReadsItsReportNotesMessagesAndHistory() throws Exception {
        var history = new CaseStream(events);
        CaseId caseId = history.caseId();
        String reference = "HV-PAGE-" + caseId.value().substring(0, 2).toUpperCase();
        history.append(new ReportSubmitted(
                caseId,
                reference,
                "$2a$10$x",
                ReportType.DIGNITY_AT_WORK,
                Category.HARASSMENT,
                LocalDate.parse("2026-10-12"),
                LocationType.WORKPLACE,
                "Libraries",
                Set.of(),
                ReporterRole.VICTIM,
                false,
                new Reporter("Sam Reporter", "sam@example.org", null),
                ContactPreference.EMAIL,
                "Comments about my accent at the counter",
                List.of("A. Colleague"),
                false,
                true,
                null));
        history.append(new CaseworkerAssigned(caseId, "cw.lee", TEAM, "mgr.jones"));
        history.append(new CaseTriaged(
                caseId,
                Category.HARASSMENT,
                Set.of(),
                Set.of(),
                RiskLevel.MEDIUM,
                Route.INFORMAL_RESOLUTION,
                LocalDate.now().minusDays(3),
                LocalDate.now().plusDays(20),
                "cw.lee",
                null));
        history.append(new InvestigationNoteAdded(caseId, "note-1", "Spoke to the duty manager", "cw.lee"));
        history.append(new MessageToReporterSent(caseId, "message-1", "Thank you for telling us", "cw.lee"));
        history.append(new MessageFromReporterReceived(caseId, "message-2", "It happened again on Friday"));
        var caseworker = PageLogin.as("cw.lee", TEAM, Role.CASEWORKER);

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(
                                page(get("/cases/" + caseId.value()).with(caseworker), 200))
                        .contains("It happened again on Friday", "Investigation note added"));
        String casePage = page(get("/cases/" + caseId.value()).with(caseworker), 200);
        assertThat(casePage)
                .contains(
                        reference,
                        "Comments about my accent at the counter",
                        "Sam Reporter",
                        "sam@example.org",
                        "A. Colleague",
                        "Spoke to the duty manager",
                        "Thank you for telling us",
                        "Triaged: harassment, risk medium",
                        "Resolve the case",
                        "Signed in as");
        assertThat(casePage)
                .contains("Triage again", "Declare the conflict", "Unread message", "Mark as read")
                .doesNotContain("Name them and keep them off the case"); // case managers name staff

        assertThat(page(get("/cases").with(caseworker), 200)).contains(reference, "overdue");
        assertThat(page(
                        get("/cases")
                                .param("overdue", "true")
                                .param("risk", "HIGH")
                                .with(caseworker),
                        200))
                .doesNotContain(reference)
                .contains("There are no cases that match");

        var colleague = PageLogin.as("cw.ng", TEAM, Role.CASEWORKER);
        assertThat(page(get("/cases").with(colleague), 200)).doesNotContain(reference);
        page(get("/cases/" + caseId.value()).with(colleague), 404);

        // the manager assigns only to staff Haven knows: cw.ng has signed in, a typo never can be chosen
        var manager = PageLogin.as("mgr." + TEAM, TEAM, Role.CASE_MANAGER);
        assertThat(flat(page(get("/cases/" + caseId.value()).with(manager), 200)))
                .contains("<option value=\"cw.ng\">cw.ng</option>", "Name them and keep them off the case")
                .doesNotContain("<option value=\"cw.lee\">"); // it is theirs already

        http.perform(get("/api/admin/access-log")
                        .param("caseId", caseId.value())
                        .header("Authorization", TestTokens.bearer("dpo.smith", null, Role.ADMIN)))
                .andExpect(jsonPath("$.entries[?(@.view == 'RECORD' && @.staff == 'cw.lee')]")
                        .isNotEmpty());
    }

    @Test
    void theBoardSeesCountsWithTooFewShownAsSuppressedAndDownloadsTheSame() throws Exception {
        var month = java.time.YearMonth.now().minusMonths(13);
        Instant then = month.atDay(5).atTime(10, 0).toInstant(java.time.ZoneOffset.UTC);
        for (int i = 0; i < 12; i++) {
            var history = new CaseStream(events);
            Category category = i < 10 ? Category.VERBAL_ABUSE : Category.THREATS;
            history.append(
                    new ReportSubmitted(
                            history.caseId(),
                            "HV-TRND-" + i,
                            "$2a$10$x",
                            ReportType.HATE_INCIDENT,
                            category,
                            LocalDate.now(),
                            LocationType.ONLINE,
                            "RIVERSIDE",
                            Set.of(),
                            ReporterRole.WITNESS,
                            true,
                            null,
                            ContactPreference.FOLLOW_UP_ONLY,
                            "text " + UUID.randomUUID(),
                            List.of(),
                            false,
                            false,
                            null),
                    then);
            history.append(
                    new CaseTriaged(
                            history.caseId(),
                            category,
                            Set.of(),
                            Set.of(),
                            RiskLevel.LOW,
                            Route.INFORMAL_RESOLUTION,
                            LocalDate.now(),
                            LocalDate.now(),
                            "cw.lee",
                            null),
                    then);
        }
        var board = PageLogin.as("board.chair", null, Role.BOARD);
        String year = String.valueOf(month.getYear());

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(flat(page(
                                get("/trends")
                                        .param("period", "year")
                                        .param("from", year + "-01")
                                        .param("to", year + "-12")
                                        .with(board),
                                200)))
                        .contains("All cases</th> <td class=\"govuk-table__cell govuk-table__cell--numeric\">12<"));
        assertThat(flat(page(
                        get("/trends")
                                .param("period", "year")
                                .param("from", year + "-01")
                                .param("to", year + "-12")
                                .param("by", "category")
                                .with(board),
                        200)))
                .contains("Threats</th> <td class=\"govuk-table__cell govuk-table__cell--numeric\">[c]<")
                .doesNotContain(">2<")
                .contains("<canvas id=\"trend-chart\"", "Download these counts (CSV)");
        http.perform(get("/trends/download")
                        .param("period", "year")
                        .param("from", year + "-01")
                        .param("to", year + "-12")
                        .param("by", "category")
                        .with(board))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"haven-trends.csv\""))
                .andExpect(result -> assertThat(result.getResponse().getContentAsString())
                        .contains("\"THREATS\",\"[c]\"")
                        .doesNotContain("\"THREATS\",\"2\""));
        assertThat(flat(page(
                        get("/trends")
                                .param("period", "financial-year")
                                .param("from", year + "-01")
                                .param("to", year + "-12")
                                .param("by", "category", "area")
                                .with(board),
                        200)))
                .contains("(rows) by", "Riverside ward");

        String pack = flat(page(
                get("/trends/pack")
                        .param("period", "financial-year")
                        .param("of", month.toString())
                        .with(board),
                200));
        assertThat(pack)
                .contains(
                        "Board pack: ",
                        "Kind of incident",
                        "Threats</th> <td class=\"govuk-table__cell govuk-table__cell--numeric\">0<",
                        "Service measures")
                .doesNotContain(">2<");
        byte[] pdf = http.perform(get("/trends/pack.pdf")
                        .param("period", "financial-year")
                        .param("of", month.toString())
                        .with(board))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf"))
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            String printed = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
            assertThat(printed)
                    .contains("Board pack", "Kind of incident", "Threats", "[c]")
                    .doesNotContain("Threats 2");
        }

        assertThat(page(get("/trends").param("from", "2026-13").with(board), 400))
                .contains("There is a problem", "href=\"#from\"", "The start month must be a year and month");
        assertThat(page(
                        get("/trends")
                                .param("by", "category", "area", "outcome")
                                .with(board),
                        400))
                .contains("Choose at most two ways to break the counts down");
        assertThat(page(
                        get("/trends")
                                .param("period", "month")
                                .param("by", "category", "area")
                                .with(board),
                        400))
                .contains("counted for whole financial years");
    }

    @Test
    void theDataProtectionOfficerSeesTheProjectionsAndMustConfirmAnErasure() throws Exception {
        var admin = PageLogin.as("dpo.smith", null, Role.ADMIN);
        assertThat(page(get("/admin").with(admin), 200))
                .contains("Who read which case", "case-record", "caseload", "Place a legal hold");
        assertThat(page(
                        post("/admin/erasure")
                                .param("reference", "HV-2222-22")
                                .with(admin)
                                .with(csrf()),
                        400))
                .contains(
                        "There is a problem",
                        "href=\"#erase-confirm\"",
                        "Confirm that the personal data cannot be recovered");
        http.perform(post("/admin/erasure")
                        .param("reference", "x")
                        .param("confirm", "yes")
                        .with(admin))
                .andExpect(status().isForbidden()); // no CSRF token
    }

    private String page(org.springframework.test.web.servlet.RequestBuilder request, int expectedStatus)
            throws Exception {
        var response = http.perform(request)
                .andExpect(status().is(expectedStatus))
                .andReturn()
                .getResponse();
        return response.getContentAsString();
    }

    private static String flat(String html) {
        return html.replaceAll("\\s+", " ");
    }
}
