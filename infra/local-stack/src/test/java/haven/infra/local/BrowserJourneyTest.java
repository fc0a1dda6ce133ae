package haven.infra.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * People using Haven through its web pages in a real browser (headless Chromium), against the
 * services running as separate processes. Every page visited is checked with axe-core and
 * photographed under {@code target/screenshots}.
 */
class BrowserJourneyTest {

    static LocalSystem system;
    static ServiceProcess identity;
    static ServiceProcess command;
    static ServiceProcess query;
    static Browser browser;

    @BeforeAll
    static void startTheSystemAndABrowser() throws Exception {
        system = LocalSystem.start("browser-logs");
        identity = system.identity();
        command = system.command();
        query = system.query();
        browser = Browser.open(LocalSystem.ROOT, query.url());
    }

    @AfterAll
    static void stopEverything() {
        if (browser != null) {
            browser.close();
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    void anAnonymousReporterReportsFollowsUpAndReadsTheCaseTeamsReply() throws Exception {
        browser.go("/");
        assertThat(browser.heading()).isEqualTo("Report a hate incident or bullying at work");
        assertThat(browser.text("#support")).contains("Victim Support", "Acas");
        browser.check("report-start");
        browser.press("Accessibility statement");
        assertThat(browser.heading()).isEqualTo("Accessibility statement for Haven");
        assertThat(browser.text("#contact")).contains("accessibility@castle.example", "01632 960 000");
        browser.check("accessibility-statement");
        browser.go("/");
        browser.press("Start now");

        assertThat(browser.heading()).isEqualTo("What are you reporting?");
        browser.check("report-type");
        browser.press("Continue");
        assertThat(browser.text(".govuk-error-summary")).contains("Select what you are reporting");
        assertThat(browser.title()).startsWith("Error:");
        browser.check("report-type-error");
        browser.click("input[name=type][value=HATE_INCIDENT]");
        browser.press("Continue");

        answer(
                "Who do you want to tell?",
                "report-who",
                () -> browser.click("input[name=organisation][value=castle-council]"));

        answer("What happened?", "report-what-happened", () -> {
            browser.click("input[name=category][value=VERBAL_ABUSE]");
            browser.type("#narrative", "A man on the 42 bus shouted abuse about my headscarf.");
        });

        answer("When did it happen?", "report-when", () -> {
            browser.type("#occurredOn-day", "2");
            browser.type("#occurredOn-month", "11");
            browser.type("#occurredOn-year", "2026");
        });

        answer("Where did it happen?", "report-where", () -> {
            browser.click("input[name=locationType][value=PUBLIC_TRANSPORT]");
            browser.click("input[name=area][value=CASTLE]");
        });

        assertThat(browser.heading()).isEqualTo("Why do you think it happened?");
        browser.press("Continue");
        assertThat(browser.text(".govuk-error-summary")).contains("Select at least one reason");
        browser.click("input[name=motivations][value=RELIGION_OR_BELIEF]");
        browser.check("report-why");
        browser.press("Continue");

        answer("How were you involved?", "report-role", () -> browser.click("input[name=reporterRole][value=VICTIM]"));

        answer("Who was involved?", "report-people", () -> browser.type("#namedParties", "A man in a grey coat"));

        answer("Have you told the police?", "report-police", () -> browser.click("#policeInformed-2"));

        answer("Do you want to give your name?", "report-about-you", () -> browser.click("#anonymous-2"));

        answer("Can we share your report?", "report-consent", () -> browser.click("#consentToShare-2"));

        assertThat(browser.heading()).isEqualTo("Check your answers before sending your report");
        assertThat(browser.text(".govuk-summary-list"))
                .contains(
                        "A hate incident",
                        "2 November 2026",
                        "On public transport, Castle ward",
                        "Religion or belief",
                        "A man in a grey coat");
        browser.check("report-check");
        browser.press("Send report");

        assertThat(browser.heading()).isEqualTo("Report sent");
        String reference = browser.text("#reference");
        String receipt = browser.text("#receipt");
        assertThat(reference).matches("HV-[A-Z0-9]{4}-[A-Z0-9]{2}");
        assertThat(receipt.replace(" ", "")).matches("\\d{16}");
        assertThat(browser.text("#support"))
                .as("help for a hate incident, not for bullying at work")
                .contains("Victim Support", "Stop Hate UK", "Samaritans")
                .doesNotContain("Acas", "Employee Assistance Programme");
        browser.check("report-sent");

        // the optional questions about the reporter, answered apart from the report
        browser.press("Answer questions about you");
        assertThat(browser.heading()).isEqualTo("About you (optional)");
        browser.check("monitoring-questions");
        browser.click("input[name=AGE][value=FROM_25_TO_34]");
        browser.click("input[name=RELIGION][value=MUSLIM]");
        browser.click("input[name=ETHNICITY][value=PREFER_NOT_TO_SAY]");
        browser.press("Send answers");
        assertThat(browser.text("#monitoring-thanks")).isEqualTo("Thank you for answering the questions about you.");
        assertThat(browser.findAll("#monitoring")).as("asked once").isEmpty();

        followUp(reference, receipt);
        assertThat(browser.text("#status")).isEqualTo("We have received your report.");
        assertThat(browser.text("#support")).contains("Victim Support");
        browser.check("follow-up-status");
        browser.type("#text", "I remembered: it was the 8:15 service.");
        browser.press("Send message");
        assertThat(browser.text(".govuk-notification-banner")).contains("Your message has been sent");
        browser.check("follow-up-sent");

        aManagerAssignsTheCase(reference);
        anotherPartnersManagerNeverSeesIt(reference);
        theCaseworkerTriagesNotesMessagesResolvesAndClosesIt(reference);

        Instant deadline = Instant.now().plusSeconds(15);
        do {
            followUp(reference, receipt);
        } while (!browser.text("#main-content").contains("asked the bus company for CCTV")
                && Instant.now().isBefore(deadline));
        assertThat(browser.text("#messages"))
                .contains(
                        "I remembered: it was the 8:15 service.", "Thank you. We have asked the bus company for CCTV.");
        assertThat(browser.text("#outcome")).isEqualTo("Resolved informally");
        browser.check("follow-up-reply-read");
    }

    private void aManagerAssignsTheCase(String reference) {
        // the caseworker has used Haven before: only staff it knows are offered
        browser.signIn("/cases", "cw.patel");
        browser.signOut();
        browser.signIn("/cases", "mgr.jones");
        assertThat(browser.heading()).isEqualTo("Cases");
        awaitInCaseload(reference);
        browser.check("caseload-manager");
        browser.press(reference);
        assertThat(browser.heading()).isEqualTo("Case " + reference);
        assertThat(browser.text("#narrative")).isEqualTo("A man on the 42 bus shouted abuse about my headscarf.");
        browser.check("case-manager");
        browser.select("#assignment-caseworker", "cw.patel");
        browser.press("Assign");
        assertThat(browser.text("#done")).isEqualTo("The case has been assigned");
        assertThat(browser.text("#assignee")).isEqualTo("cw.patel (equality)");
        browser.signOut();
        browser.check("staff-signed-out");
    }

    /** The council's case is in the caseload its manager just read; the police's case manager never sees it. */
    private void anotherPartnersManagerNeverSeesIt(String reference) {
        browser.signIn("/cases", "sgt.evans");
        assertThat(browser.heading()).isEqualTo("Cases");
        assertThat(browser.findAll("#caseload a"))
                .noneMatch(link -> link.getText().equals(reference));
        browser.check("caseload-other-partner");
        browser.signOut();
    }

    private void theCaseworkerTriagesNotesMessagesResolvesAndClosesIt(String reference) {
        browser.signIn("/cases", "cw.patel");
        awaitInCaseload(reference);
        browser.check("caseload-caseworker");
        browser.press(reference);
        assertThat(browser.text("#messages")).contains("I remembered: it was the 8:15 service.");

        // triage starts from what the reporter said: their category, and what their perception names
        assertThat(browser.find("input[name=category][value=VERBAL_ABUSE]").isSelected())
                .isTrue();
        assertThat(browser.find("input[name=characteristics][value=RELIGION_OR_BELIEF]")
                        .isSelected())
                .isTrue();
        assertThat(browser.find("input[name=strands][value=RELIGION]").isSelected())
                .isTrue();
        assertThat(browser.find("input[name=area][value=CASTLE]").isSelected()).isTrue();
        browser.press("Triage case");
        assertThat(browser.title()).startsWith("Error:");
        assertThat(browser.text(".govuk-error-summary"))
                .contains("Select the risk level", "Select how it will be handled");
        browser.check("case-triage-error");
        assertThat(browser.find("input[name=strands][value=RELIGION]").isSelected())
                .as("kept after a refusal")
                .isTrue();
        browser.click("input[name=risk][value=MEDIUM]");
        browser.click("input[name=route][value=INFORMAL_RESOLUTION]");
        browser.press("Triage case");
        assertThat(browser.text("#done")).isEqualTo("The case has been triaged");

        browser.type("#notes-text", "Asked the bus company for CCTV of the 8:15 service.");
        browser.press("Add note");
        assertThat(browser.text("#done")).isEqualTo("Your note has been added");
        assertThat(browser.text("#notes")).contains("Asked the bus company for CCTV of the 8:15 service.");

        browser.press("Send message");
        assertThat(browser.text(".govuk-error-summary")).contains("Enter your text");
        browser.type("#messages-text", "Thank you. We have asked the bus company for CCTV.");
        browser.press("Send message");
        assertThat(browser.text("#done")).isEqualTo("Your message has been sent to the reporter");

        browser.click("input[name=outcome][value=RESOLVED_INFORMALLY]");
        browser.type("#resolution-summary", "The bus company has banned the passenger.");
        browser.press("Resolve case");
        assertThat(browser.text("#done")).isEqualTo("The case has been resolved");
        browser.check("case-resolved");

        browser.press("Close case");
        assertThat(browser.text("#done")).isEqualTo("The case has been closed");
        assertThat(browser.text("#case-status")).isEqualTo("closed");
        assertThat(browser.text("#timeline"))
                .contains(
                        "Triaged: verbal abuse",
                        "Investigation note added",
                        "Message sent to the reporter",
                        "Resolved: resolved informally",
                        "Closed");
        browser.check("case-closed");
        browser.signOut();
    }

    @Test
    void theDataProtectionOfficerImportsPastIncidentsAndTheBoardReadsLastYearWithSmallCountsHidden() throws Exception {
        int lastYear = (LocalDate.now().getMonthValue() >= 4
                        ? LocalDate.now().getYear()
                        : LocalDate.now().getYear() - 1)
                - 1;
        var rows = new ArrayList<String>();
        rows.add("source_id,reported_month,type,category,area,location_type,reporter_role,perceived_motivations,"
                + "characteristics,strands,outcome,closed_on");
        for (int i = 0; i < 40; i++) {
            var month = java.time.YearMonth.of(lastYear, 4).plusMonths(i % 12);
            String category = i < 20 ? "VERBAL_ABUSE" : i < 37 ? "ONLINE_ABUSE" : "THREATS";
            rows.add("JOURNEY-" + i + "," + month + ",HATE_INCIDENT," + category + ","
                    + (i % 2 == 0 ? "CASTLE" : "MARKET") + ",STREET_OR_PUBLIC_SPACE,VICTIM,RACE,RACE,RACE,UPHELD,"
                    + month.atDay(20));
        }
        Path file = Files.createTempFile("past-incidents", ".csv");
        Files.writeString(file, String.join("\r\n", rows) + "\r\n");
        Path broken = Files.createTempFile("past-incidents-broken", ".csv");
        Files.writeString(
                broken,
                rows.get(0) + "\r\nJOURNEY-X,2020-13,HATE_INCIDENT,Mr Canary,CASTLE,,,,,,UPHELD,2021-01-01\r\n");

        browser.signIn("/admin", "dpo.smith");
        browser.press("import past incidents from a CSV file");
        assertThat(browser.heading()).isEqualTo("Import past incidents");
        browser.check("history");
        browser.choose("#file", broken);
        browser.press("Check the file");
        assertThat(browser.text(".govuk-error-summary")).contains("The file has 2 problem(s); nothing was imported");
        assertThat(browser.text("#file-problems"))
                .contains("reported_month", "category")
                .doesNotContain("Canary");
        browser.check("history-problems");

        browser.choose("#file", file);
        browser.press("Check the file");
        assertThat(browser.text("#checked")).contains("The file has 40 rows and no problems");
        browser.choose("#file", file);
        browser.press("Import");
        Instant deadline = Instant.now().plusSeconds(60);
        while (!browser.heading().equals("Import finished") && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            browser.press("See how far it has got");
        }
        assertThat(browser.heading()).isEqualTo("Import finished");
        assertThat(browser.text("#imported")).isEqualTo("40");
        browser.check("history-imported");
        browser.signOut();

        browser.signIn("/trends", "board.chair");
        assertThat(browser.heading()).isEqualTo("Reported hate incidents and dignity at work cases");
        assertThat(browser.text("#whose")).isEqualTo("Castle District Council");
        String year = lastYear + "-04";
        Instant shown = Instant.now().plusSeconds(30);
        do {
            browser.go("/trends?period=financial-year&from=" + year + "&by=category");
        } while (browser.findAll("#trend-table").isEmpty() && Instant.now().isBefore(shown));
        String table = browser.text("#trend-table");
        assertThat(table).contains("Verbal abuse", "Threats [c]", "All 40").doesNotContain("Threats 3");
        assertThat(browser.find("#trend-chart").getSize().getHeight())
                .as("the chart was drawn")
                .isGreaterThan(0);
        assertThat(browser.find("#download").getAttribute("href")).contains("period=financial-year", "by=category");
        browser.check("trends-financial-year");

        browser.go("/trends?period=month&from=" + year + "&by=area");
        assertThat(browser.find("#trend-chart").getAttribute("data-chart")).isEqualTo("line");
        browser.check("trends-by-month");

        browser.go("/trends");
        browser.press("The board pack");
        browser.click("#period-year");
        browser.type("#of", year);
        browser.press("Show the pack");
        assertThat(browser.heading())
                .isEqualTo("Board pack: " + lastYear + "/" + String.format("%02d", (lastYear + 1) % 100));
        assertThat(browser.text("#measures")).contains("Cases resolved by the deadline");
        assertThat(browser.find("#pack-pdf").getAttribute("href"))
                .contains("/trends/pack.pdf?period=financial-year&of=");
        browser.check("board-pack");

        // reports made now are neither triaged nor in a closed period: reading again shows the same
        var reporter = JsonHttp.anonymous();
        for (int i = 0; i < 12; i++) {
            assertThat(reporter.post(
                                    command.url() + "/api/reports",
                                    Map.ofEntries(
                                            Map.entry("type", "HATE_INCIDENT"),
                                            Map.entry("category", "THREATS"),
                                            Map.entry(
                                                    "occurredOn",
                                                    LocalDate.now().toString()),
                                            Map.entry("locationType", "ONLINE"),
                                            Map.entry("area", "RIVERSIDE"),
                                            Map.entry("motivations", List.of("DISABILITY")),
                                            Map.entry("reporterRole", "WITNESS"),
                                            Map.entry("anonymous", true),
                                            Map.entry("narrative", "Posts mocking a disabled colleague.")))
                            .status())
                    .isEqualTo(201);
        }
        browser.go("/trends?period=financial-year&from=" + year + "&by=category");
        assertThat(browser.text("#trend-table")).isEqualTo(table);
        browser.signOut();

        // the partnership's board reads every partner's cases, crossed and by partner
        browser.signIn("/trends", "chair.partnership");
        assertThat(browser.text("#whose")).isEqualTo("Castle Hate Crime Partnership");
        browser.go("/trends?period=financial-year&from=" + year + "&by=category&by=area");
        assertThat(browser.text(".haven-cross-tab")).contains("Castle ward", "Market ward", "All");
        browser.check("trends-cross-tab");
        browser.go("/trends?period=financial-year&from=" + year + "&by=organisation");
        assertThat(browser.text("#trend-table")).contains("Castle District Council 40", "All 40");
        browser.check("trends-by-partner");
        browser.signOut();
    }

    @Test
    void theDataProtectionOfficerReadsTheAccessLogAndRebuildsAProjection() {
        browser.signIn("/cases", "board.chair");
        assertThat(browser.heading()).isEqualTo("You cannot open this page");
        browser.check("staff-forbidden");

        browser.signIn("/admin", "dpo.smith");
        assertThat(browser.heading()).isEqualTo("Data protection");
        browser.check("admin");
        browser.type("#erase-reference", "HV-2222-22");
        browser.press("Erase personal data");
        assertThat(browser.title()).startsWith("Error:");
        assertThat(browser.text(".govuk-error-summary")).contains("Confirm that the personal data cannot be recovered");
        assertThat(browser.find("#erase-reference").getAttribute("value")).isEqualTo("HV-2222-22");
        browser.check("admin-erasure-unconfirmed");
        browser.click("#erase-confirm");
        browser.press("Erase personal data");
        assertThat(browser.text(".govuk-error-summary"))
                .contains("There is no case of your organisation with that reference");

        browser.press("Rebuild timeline");
        assertThat(browser.text("#done")).contains("The projection is being rebuilt");
        assertThat(browser.text("#projections-table")).contains("timeline");
        browser.check("admin-rebuilding");
        browser.signOut();
    }

    private static void awaitInCaseload(String reference) {
        Instant deadline = Instant.now().plusSeconds(15);
        while (browser.findAll("#caseload a").stream()
                        .noneMatch(link -> link.getText().equals(reference))
                && Instant.now().isBefore(deadline)) {
            browser.press("Apply filters");
        }
    }

    /** The reporter consented; the council's manager refers the case to the police with the neighbour's name hidden. */
    @Test
    void aWrongReceiptIsToldApartFromNothing() {
        browser.go("/follow-up");
        browser.check("follow-up-sign-in");
        browser.type("#reference", "HV-AAAA-AA");
        browser.type("#receipt", "1234 5678 9012 3456");
        browser.press("Continue");
        assertThat(browser.text(".govuk-error-summary"))
                .contains("We cannot find a report with that reference and receipt");
        browser.check("follow-up-not-found");
    }

    /** One question: the page asks it, the answers go in, the page is checked, and Continue. */
    private static void answer(String question, String screenshot, Runnable answers) {
        assertThat(browser.heading()).isEqualTo(question);
        answers.run();
        browser.check(screenshot);
        browser.press("Continue");
    }

    private void followUp(String reference, String receipt) {
        browser.go("/follow-up");
        browser.type("#reference", reference);
        browser.type("#receipt", receipt);
        browser.press("Continue");
    }
}
