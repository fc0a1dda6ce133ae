package haven.infra.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reports that do not come through the person's own online form, in a real browser against the real
 * services, axe at each page: a volunteer at a reporting centre goes through the questions with
 * someone who came in, gives them their reference and receipt, and sees only where the report
 * stands; the person follows it up themselves; the case team reads how it reached them. A report
 * made in Welsh, end to end, and followed up in Welsh on a later visit.
 */
class EveryoneCanReportJourneyTest {

    static LocalSystem system;
    static Browser browser;

    @BeforeAll
    static void startTheSystemAndABrowser() throws Exception {
        system = LocalSystem.start("everyone-can-report-logs");
        browser = Browser.open(LocalSystem.ROOT, system.query().url());
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
    void aReportingCentreRecordsAReportForSomeoneWhoFollowsItUpThemselves() {
        browser.forgetCookies();
        browser.signIn("/staff", "vol.okoro");
        assertThat(browser.heading()).isEqualTo("Reports recorded here");
        assertThat(browser.text("#centre")).isEqualTo("Castle Library");
        assertThat(browser.text("#none-yet")).isEqualTo("No reports have been recorded here yet.");
        browser.check("centre-reports-none");
        browser.press("Record a report for someone");

        assertThat(browser.text("#recording-for-someone")).contains("record their own answers");
        answer("What are you reporting?", "intake-type", () -> browser.click("input[name=type][value=HATE_INCIDENT]"));
        answer(
                "Who do you want to tell?",
                "intake-who",
                () -> browser.click("input[name=organisation][value=castle-council]"));
        answer("What happened?", "intake-what-happened", () -> {
            browser.click("input[name=category][value=VERBAL_ABUSE]");
            browser.type("#narrative", "Two teenagers shouted racist abuse at her outside the library.");
        });
        answer("When did it happen?", "intake-when", () -> {
            browser.type("#occurredOn-day", "1");
            browser.type("#occurredOn-month", "12");
            browser.type("#occurredOn-year", "2026");
        });
        answer("Where did it happen?", "intake-where", () -> {
            browser.click("input[name=locationType][value=STREET_OR_PUBLIC_SPACE]");
            browser.click("input[name=area][value=CASTLE]");
        });
        answer(
                "Why do you think it happened?",
                "intake-why",
                () -> browser.click("input[name=motivations][value=RACE]"));
        answer("How were you involved?", "intake-role", () -> browser.click("input[name=reporterRole][value=VICTIM]"));
        answer("Who was involved?", "intake-people", () -> {});
        answer("Have you told the police?", "intake-police", () -> browser.click("#policeInformed-2"));
        answer("Do you want to give your name?", "intake-about-you", () -> browser.click("#anonymous"));
        answer("Your name and how to contact you", "intake-contact", () -> {
            browser.type("#name", "Amal Haddad");
            browser.type("#phone", "07700 900456");
            browser.click("input[name=contactPreference][value=PHONE]");
        });
        answer("Can we share your report?", "intake-consent", () -> browser.click("#consentToShare"));
        answer(
                "Can the case team contact you about this report?",
                "intake-recorder",
                () -> browser.click("#recorderMayBeContacted-2"));

        assertThat(browser.heading()).isEqualTo("Check your answers before sending your report");
        assertThat(browser.text(".govuk-summary-list"))
                .contains(
                        "Amal Haddad", "You agree to us sharing it", "The case team may contact you, the recorder No");
        browser.check("intake-check");
        browser.press("Send report");

        assertThat(browser.heading()).isEqualTo("Report recorded");
        String reference = browser.text("#reference");
        String receipt = browser.text("#receipt");
        assertThat(browser.find("#print").isDisplayed())
                .as("printed for the person")
                .isTrue();
        assertThat(browser.findAll("#monitoring"))
                .as("their own questions, not the recorder's")
                .isEmpty();
        browser.check("intake-recorded");

        browser.go("/centre");
        Instant listed = Instant.now().plusSeconds(20);
        while (browser.findAll("#recorded").isEmpty() && Instant.now().isBefore(listed)) {
            browser.go("/centre");
        }
        assertThat(browser.text("#recorded")).contains(reference, "Received").doesNotContain("Amal", "teenagers");
        browser.check("centre-reports");
        browser.signOut();

        browser.go("/follow-up");
        browser.type("#reference", reference);
        browser.type("#receipt", receipt);
        browser.press("Continue");
        assertThat(browser.text("#status")).contains("We have received your report");

        browser.signIn("/cases", "mgr.jones");
        browser.type("#reference", reference);
        browser.press("Find");
        assertThat(browser.heading()).isEqualTo("Case " + reference);
        assertThat(browser.text("#intake"))
                .isEqualTo("At Castle Library, a reporting centre, recorded for the person by vol.okoro"
                        + " (who asked not to be contacted about it)");
        browser.check("case-recorded-at-centre");

        browser.go("/intake");
        assertThat(browser.heading()).as("staff say how it reached them").isEqualTo("How did the report reach you?");
        browser.check("intake-channel");
        browser.signOut();
    }

    @Test
    void aReportIsMadeInWelshAndFollowedUpInWelsh() {
        browser.forgetCookies();
        browser.go("/");
        assertThat(browser.heading()).isEqualTo("Report a hate incident or bullying at work");
        browser.chooseLanguage("cy");
        assertThat(browser.heading()).isEqualTo("Rhoi gwybod am ddigwyddiad casineb neu fwlio yn y gwaith");
        assertThat(browser.find("html").getAttribute("lang")).isEqualTo("cy");
        assertThat(browser.text("#support")).contains("Help cyfrinachol am ddim");
        browser.check("cy-report-start");
        browser.press("Dechrau nawr");

        ateb(
                "Am beth rydych chi’n rhoi gwybod?",
                "cy-report-type",
                () -> browser.click("input[name=type][value=HATE_INCIDENT]"));
        ateb(
                "Pwy ydych chi eisiau dweud wrthyn nhw?",
                "cy-report-who",
                () -> browser.click("input[name=organisation][value=castle-council]"));

        assertThat(browser.heading()).isEqualTo("Beth ddigwyddodd?");
        browser.click("input[name=category][value=VERBAL_ABUSE]");
        browser.type("#narrative", "Gwaeddodd dyn arnaf am siarad Cymraeg ar y bws.");
        // switching language halfway keeps what was typed
        browser.chooseLanguage("en");
        assertThat(browser.heading()).isEqualTo("What happened?");
        assertThat(browser.find("#narrative").getAttribute("value"))
                .isEqualTo("Gwaeddodd dyn arnaf am siarad Cymraeg ar y bws.");
        browser.chooseLanguage("cy");
        assertThat(browser.heading()).isEqualTo("Beth ddigwyddodd?");
        browser.press("Parhau");
        assertThat(browser.heading()).isEqualTo("Pryd ddigwyddodd e?");
        browser.press("Parhau");
        assertThat(browser.text(".govuk-error-summary"))
                .as("the page's own checks speak Welsh too")
                .contains("Rhowch y dyddiad y digwyddodd");
        browser.check("cy-report-when-error");

        ateb("Pryd ddigwyddodd e?", "cy-report-when", () -> {
            browser.type("#occurredOn-day", "30");
            browser.type("#occurredOn-month", "11");
            browser.type("#occurredOn-year", "2026");
        });
        ateb("Ble ddigwyddodd e?", "cy-report-where", () -> {
            browser.click("input[name=locationType][value=PUBLIC_TRANSPORT]");
            browser.click("input[name=area][value=CASTLE]");
        });
        ateb(
                "Pam ydych chi’n meddwl iddo ddigwydd?",
                "cy-report-why",
                () -> browser.click("input[name=motivations][value=RACE]"));
        ateb(
                "Sut oeddech chi’n rhan o’r peth?",
                "cy-report-role",
                () -> browser.click("input[name=reporterRole][value=VICTIM]"));
        ateb("Pwy oedd yn rhan o’r peth?", "cy-report-people", () -> {});
        ateb("Ydych chi wedi dweud wrth yr heddlu?", "cy-report-police", () -> browser.click("#policeInformed-2"));
        ateb("Ydych chi eisiau rhoi eich enw?", "cy-report-about-you", () -> browser.click("#anonymous"));
        ateb("Eich enw a sut i gysylltu â chi", "cy-report-contact", () -> {
            browser.type("#name", "Rhys Morgan");
            browser.type("#email", "rhys@example.org");
            browser.click("input[name=contactPreference][value=EMAIL]");
        });
        ateb("Allwn ni rannu eich adroddiad?", "cy-report-consent", () -> browser.click("#consentToShare-2"));

        assertThat(browser.heading()).isEqualTo("Gwiriwch eich atebion cyn anfon eich adroddiad");
        assertThat(browser.text(".govuk-summary-list"))
                .contains("Digwyddiad casineb", "30 Tachwedd 2026", "Rhys Morgan");
        browser.check("cy-report-check");
        browser.press("Anfon yr adroddiad");

        assertThat(browser.heading()).isEqualTo("Adroddiad wedi’i anfon");
        String reference = browser.text("#reference");
        String receipt = browser.text("#receipt");
        browser.check("cy-report-sent");

        // another visit, nothing chosen: the follow-up pages open in the language the report was made in
        browser.forgetCookies();
        browser.go("/follow-up");
        assertThat(browser.heading()).isEqualTo("Follow up your report");
        browser.type("#reference", reference);
        browser.type("#receipt", receipt);
        browser.press("Continue");
        assertThat(browser.heading()).isEqualTo("Eich adroddiad");
        assertThat(browser.text("#status")).isEqualTo("Rydym wedi cael eich adroddiad.");
        browser.check("cy-follow-up-status");
        browser.chooseLanguage("en");
        assertThat(browser.text("#status")).isEqualTo("We have received your report.");
        browser.forgetCookies();
    }

    /** One question: the page asks it, the answers go in, the page is checked, and Continue. */
    private static void answer(String question, String screenshot, Runnable answers) {
        assertThat(browser.heading()).isEqualTo(question);
        answers.run();
        browser.check(screenshot);
        browser.press("Continue");
    }

    /** The same, in Welsh: Parhau. */
    private static void ateb(String question, String screenshot, Runnable answers) {
        assertThat(browser.heading()).isEqualTo(question);
        answers.run();
        browser.check(screenshot);
        browser.press("Parhau");
    }
}
