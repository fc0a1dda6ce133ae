package haven.infra.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
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
        browser.check("report-start");
        browser.press("Start now");

        assertThat(browser.heading()).isEqualTo("What are you reporting?");
        browser.check("report-type");
        browser.press("Continue");
        assertThat(browser.text(".govuk-error-summary")).contains("Select what you are reporting");
        assertThat(browser.title()).startsWith("Error:");
        browser.check("report-type-error");
        browser.click("input[name=type][value=HATE_INCIDENT]");
        browser.press("Continue");

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
            browser.type("#area", "Chelmsford");
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
        assertThat(browser.text(".govuk-summary-list")).contains("A hate incident", "2 November 2026",
                "On public transport, Chelmsford", "Religion or belief", "A man in a grey coat");
        browser.check("report-check");
        browser.press("Send report");

        assertThat(browser.heading()).isEqualTo("Report sent");
        String reference = browser.text("#reference");
        String receipt = browser.text("#receipt");
        assertThat(reference).matches("HV-[A-Z0-9]{4}-[A-Z0-9]{2}");
        assertThat(receipt.replace(" ", "")).matches("\\d{16}");
        browser.check("report-sent");

        followUp(reference, receipt);
        assertThat(browser.text("#status")).isEqualTo("We have received your report.");
        browser.check("follow-up-status");
        browser.type("#text", "I remembered: it was the 8:15 service.");
        browser.press("Send message");
        assertThat(browser.text(".govuk-notification-banner")).contains("Your message has been sent");
        browser.check("follow-up-sent");

        var manager = JsonHttp.signedIn(identity.url(), "mgr.jones");
        String caseId = caseIdOf(manager, reference);
        assertThat(manager.post(command.url() + "/api/cases/" + caseId + "/messages",
                Map.of("text", "Thank you. We have asked the bus company for CCTV.")).status()).isEqualTo(202);
        Instant deadline = Instant.now().plusSeconds(15);
        do {
            followUp(reference, receipt);
        } while (!browser.text("#main-content").contains("asked the bus company for CCTV") && Instant.now().isBefore(deadline));
        assertThat(browser.text("#messages")).contains("I remembered: it was the 8:15 service.",
                "Thank you. We have asked the bus company for CCTV.");
        browser.check("follow-up-reply-read");
    }

    @Test
    void aWrongReceiptIsToldApartFromNothing() {
        browser.go("/follow-up");
        browser.check("follow-up-sign-in");
        browser.type("#reference", "HV-AAAA-AA");
        browser.type("#receipt", "1234 5678 9012 3456");
        browser.press("Continue");
        assertThat(browser.text(".govuk-error-summary")).contains("We cannot find a report with that reference and receipt");
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

    private String caseIdOf(JsonHttp manager, String reference) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(15);
        while (Instant.now().isBefore(deadline)) {
            for (var row : manager.get(query.url() + "/api/caseload?size=200").body().path("cases")) {
                if (reference.equals(row.path("reference").asText())) {
                    return row.path("caseId").asText();
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("case " + reference + " never reached the caseload");
    }
}
