package haven.infra.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import haven.infra.embedded.EmbeddedStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The procedure a tribunal would expect, in a real browser against the real services, with the clock
 * moved: a dignity at work case is met informally, then formally with a hearing and a union
 * representative, the person complained about recorded; the outcome letter is sent from its template;
 * the reporter appeals, a manager who took no part hears and decides it for good; six weeks after
 * closure the reporter is asked whether anything has happened since, and their answer reopens it.
 * A hate incident is referred to the police, once the reporter consents, with its narrative redacted;
 * the police see only the redacted copy and record their crime reference.
 */
class ProcedureJourneyTest {

    static LocalSystem system;
    static Browser browser;
    static Path clock;

    @BeforeAll
    static void startTheSystemWithAMovableClock() throws Exception {
        clock = Files.createTempFile("haven-clock", ".offset");
        system = LocalSystem.start(
                "procedure-journey-logs",
                EmbeddedStore.inMemory(),
                LocalSystem.MASTER_KEY,
                ServiceProcess.partnership(),
                Map.of("HAVEN_ESCALATION_SWEEP_EVERY", "PT0.5S", "HAVEN_CLOCK_OFFSET_FILE", clock.toString()));
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
        try {
            Files.deleteIfExists(clock);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aCaseGoesFormalIsAppealedAndDecidedForGoodAndTheReporterIsCheckedOnAfterClosure() throws Exception {
        // the managers have used Haven, so it knows who may hear an appeal
        for (String staff : new String[] {"mgr.jones", "mgr.ahmed"}) {
            browser.signIn("/cases", staff);
            browser.signOut();
        }
        JsonNode receipt = JsonHttp.anonymous()
                .post(
                        system.command().url() + "/api/reports",
                        Map.ofEntries(
                                Map.entry("type", "DIGNITY_AT_WORK"),
                                Map.entry("organisation", "castle-council"),
                                Map.entry("category", "BULLYING"),
                                Map.entry(
                                        "occurredOn",
                                        LocalDate.now().minusDays(10).toString()),
                                Map.entry("locationType", "WORKPLACE"),
                                Map.entry("area", "RESOURCES"),
                                Map.entry("reporterRole", "VICTIM"),
                                Map.entry("anonymous", true),
                                Map.entry("narrative", "My supervisor shouts at me in front of the team every week.")))
                .body();
        String reference = receipt.path("reference").asText();

        // the equality team's manager decides the case
        browser.signIn("/cases", "mgr.jones");
        browser.type("#reference", reference);
        browser.press("Find");
        browser.click("input[name=category][value=BULLYING]");
        browser.click("input[name=risk][value=MEDIUM]");
        browser.click("input[name=route][value=INFORMAL_RESOLUTION]");
        browser.press("Triage case");
        arrange("INFORMAL_MEETING", LocalDate.now().plusDays(3), "Meeting room 2, Civic Centre", "NONE", "");

        // the person complained about: the reporter's supervisor, told of the complaint
        browser.type("#respondents-name", "D. Smith");
        browser.type("#respondents-role", "Shift supervisor");
        browser.click("input[name=relationship][value=MANAGER]");
        browser.press("Record person");
        assertThat(browser.text("#done")).isEqualTo("The person complained about is recorded");
        browser.press("#respondents", "Mark informed: D. Smith");
        assertThat(browser.text("#respondents")).contains("D. Smith, Shift supervisor", "Manager", "informed");
        browser.check("case-respondent");

        // talking it through did not settle it: it goes formal, to a hearing with a trade union representative
        browser.click("input[name=risk][value=MEDIUM]");
        browser.click("input[name=route][value=FORMAL_INVESTIGATION]");
        browser.press("Triage case");
        arrange(
                "FORMAL_HEARING",
                LocalDate.now().plusDays(7),
                "Room 4, Civic Centre",
                "TRADE_UNION_REPRESENTATIVE",
                "J. Rep (Unison)");
        String hearing = "#meetings div.govuk-summary-card:nth-of-type(2)";
        assertThat(browser.text(hearing)).contains("Formal hearing", "Trade union representative: J. Rep (Unison)");
        browser.type(hearing + " textarea[name=notes]", "Both accounts heard; the supervisor denies shouting.");
        browser.click(hearing + " input[name=share]");
        browser.press(hearing, "Record notes");
        assertThat(browser.text("#done")).isEqualTo("The meeting's notes are recorded");
        assertThat(browser.text(hearing)).contains("Notes (shared with the reporter)");
        browser.check("case-meetings");
        browser.click("input[name=outcome][value=NOT_UPHELD]");
        browser.type("#resolution-summary", "The witnesses did not support the account.");
        browser.press("Resolve case");
        assertThat(browser.text("#done")).isEqualTo("The case has been resolved");
        // the outcome letter, filled from the council's template, checked and sent
        write("OUTCOME", "The outcome of your report");
        assertThat(browser.find("#text").getAttribute("value"))
                .contains(reference, "The outcome is: not upheld.", "The witnesses did not support the account.");
        browser.check("letter-draft");
        browser.press("Send letter");
        assertThat(browser.text("#done")).isEqualTo("The letter has been sent to the reporter");
        browser.signOut();

        // the reporter reads the hearing's notes and the outcome letter, and appeals from their follow-up page
        followUp(reference, receipt.path("receipt").asText());
        assertThat(browser.text(".letter-text")).contains("The outcome is: not upheld.");
        assertThat(browser.text(".meeting-notes")).isEqualTo("Both accounts heard; the supervisor denies shouting.");
        browser.type("#grounds", "The witness I named was never asked.");
        browser.press("Send appeal");
        assertThat(browser.text("#appeal-sent")).startsWith("Your appeal has been sent.");
        assertThat(browser.text("#status")).isEqualTo("We have received your appeal.");
        browser.check("follow-up-appeal-sent");

        // the deciding manager cannot hear it; a manager of another team is appointed
        browser.signIn("/cases", "mgr.jones");
        browser.type("#reference", reference);
        browser.press("Find");
        assertThat(browser.text("#appeal-record")).contains("The witness I named was never asked.");
        assertThat(browser.findAll("#appeal-hearer-hearer option[value='mgr.jones']"))
                .isEmpty();
        browser.select("#appeal-hearer-hearer", "mgr.ahmed");
        browser.press("Appoint");
        assertThat(browser.text("#done")).isEqualTo("The case manager who will hear the appeal is appointed");
        assertThat(browser.findAll("#appeal-decision"))
                .as("only the hearer decides")
                .isEmpty();
        browser.check("case-appeal-appointed");
        browser.signOut();

        // the hearer finds it in their own caseload and decides it
        browser.signIn("/cases", "mgr.ahmed");
        browser.press(reference);
        arrange("APPEAL_HEARING", LocalDate.now().plusDays(14), "Video call (link sent by email)", "COLLEAGUE", "");
        browser.click("input[name=outcome][value=PARTLY_UPHELD]");
        browser.type("#appeal-decision-reasons", "The named witness supports part of the account.");
        browser.press("Decide appeal");
        assertThat(browser.text("#done")).isEqualTo("The appeal is decided; its outcome is final");
        assertThat(browser.text("#appeal-decision-text")).startsWith("partly upheld");
        write("APPEAL_OUTCOME", "The outcome of your appeal");
        assertThat(browser.find("#text").getAttribute("value")).contains("Their decision is: partly upheld.");
        browser.press("Send letter");
        assertThat(browser.text("#done")).isEqualTo("The letter has been sent to the reporter");
        assertThat(browser.findAll("#appeal")).as("no second appeal").isEmpty();
        browser.check("case-appeal-decided");
        browser.signOut();

        // the reporter sees the final decision and cannot appeal again
        followUp(reference, receipt.path("receipt").asText());
        assertThat(browser.text("#appeal-outcome")).isEqualTo("Partly upheld (final)");
        assertThat(browser.text("#main-content")).contains("The outcome of your appeal");
        assertThat(browser.findAll("#appeal")).isEmpty();
        browser.check("follow-up-appeal-decided");

        // the case is closed; six weeks on, the reporter is asked whether anything has happened since
        browser.signIn("/cases", "mgr.ahmed");
        browser.press(reference);
        browser.press("Close case");
        assertThat(browser.text("#done")).isEqualTo("The case has been closed");
        browser.signOut();
        Files.writeString(clock, "P44D");
        awaitCheckIn(reference, receipt.path("receipt").asText());
        assertThat(browser.text("#main-content")).contains("Has anything happened since your case was closed?");
        browser.click("#victimised-yes");
        browser.type("#check-in-details", "I have been left off the overtime rota since I reported.");
        browser.press("Send answer");
        assertThat(browser.text("#check-in-answered")).isEqualTo("Thank you for telling us.");
        assertThat(browser.text("#status")).isEqualTo("Your case has been reopened and is being looked at again.");
        browser.check("follow-up-check-in-answered");
    }

    @Test
    void aHateIncidentIsReferredToThePoliceWithARedactedNarrativeOnceTheReporterConsents() throws Exception {
        JsonNode receipt = JsonHttp.anonymous()
                .post(
                        system.command().url() + "/api/reports",
                        Map.ofEntries(
                                Map.entry("type", "HATE_INCIDENT"),
                                Map.entry("organisation", "castle-council"),
                                Map.entry("category", "VERBAL_ABUSE"),
                                Map.entry(
                                        "occurredOn",
                                        LocalDate.now().minusDays(2).toString()),
                                Map.entry("locationType", "STREET_OR_PUBLIC_SPACE"),
                                Map.entry("area", "CASTLE"),
                                Map.entry("motivations", List.of("RACE")),
                                Map.entry("reporterRole", "VICTIM"),
                                Map.entry("anonymous", true),
                                Map.entry(
                                        "narrative",
                                        "Dan Smith from number 4 shouted racist abuse at me outside the shop.")))
                .body();
        assertThat(receipt.path("reference").asText())
                .as("the report is received")
                .startsWith("HV-");
        String reference = receipt.path("reference").asText();

        // without the reporter's consent a caseworker cannot share it; the reporter agrees from their page
        awaitFollowUp(reference, receipt.path("receipt").asText(), "#consent");
        browser.press("Agree to my report being shared");
        assertThat(browser.text("#consent-changed")).isEqualTo("Thank you: your choice is recorded.");
        browser.signIn("/cases", "mgr.jones");
        browser.type("#reference", reference);
        browser.press("Find");
        assertThat(browser.text("#consent")).isEqualTo("The reporter consented to their report being shared.");

        // a redacted copy: the man's name and address masked, the original unchanged
        browser.type("#redactions-hide", "Dan Smith\nnumber 4");
        browser.type("#redactions-reason", "The name and address of the man the reporter accuses");
        browser.press("Make redacted copy");
        assertThat(browser.text("#done")).isEqualTo("The redacted copy is made: the original is unchanged");
        assertThat(browser.text("#redaction-1"))
                .contains("█████████ from ████████ shouted racist abuse at me outside the shop.")
                .contains("17 characters hidden", "The name and address of the man the reporter accuses");
        assertThat(browser.text("#narrative")).startsWith("Dan Smith from number 4");
        browser.check("case-redacted-copy");

        browser.click("input[name=to][value=castle-police]");
        browser.click("input[name=basis][value=CONSENT]");
        browser.press("Refer case");
        assertThat(browser.text("#done"))
                .isEqualTo("The case has been referred: the partner has a case of its own with what you shared");
        assertThat(browser.text("#referrals"))
                .contains("Castleshire Police", "Consent", "Referral bundle (PDF): categories and redacted copy");
        assertThat(browser.text("#timeline")).contains("Referred to Castleshire Police with the reporter's consent");
        browser.check("case-referred");
        browser.signOut();

        // the police have a case of their own holding only the redacted copy, and record their crime reference
        browser.signIn("/cases", "sgt.evans");
        var deadline = java.time.Instant.now().plusSeconds(30);
        while (browser.findAll("#caseload a.govuk-link").isEmpty()
                && java.time.Instant.now().isBefore(deadline)) {
            Thread.sleep(300);
            browser.go("/cases");
        }
        assertThat(browser.findAll("#caseload a.govuk-link"))
                .as("the police's case has a reference of its own")
                .noneMatch(link -> link.getText().equals(reference));
        browser.click("#caseload a.govuk-link");
        assertThat(browser.text("#referred-by")).startsWith("Referred by Castle District Council");
        assertThat(browser.text("#timeline")).contains("Referral received from Castle District Council");
        assertThat(browser.text("#narrative"))
                .isEqualTo("█████████ from ████████ shouted racist abuse at me outside the shop.");
        assertThat(browser.text("#main-content")).doesNotContain("Dan Smith", "number 4");
        browser.click("#police summary");
        browser.type("#police-report-crimeReference", "42/1234/26");
        browser.click("input[name=classification][value=NON_CRIME_HATE_INCIDENT]");
        browser.press("Record");
        assertThat(browser.text("#done")).isEqualTo("The police crime reference is recorded");
        assertThat(browser.text("#police-report")).startsWith("Crime reference 42/1234/26: non crime hate incident");
        browser.check("police-case");
        browser.signOut();
    }

    /** Arranges a meeting from the case page, and sees it arranged. */
    private static void arrange(String kind, LocalDate day, String place, String companion, String companionName) {
        browser.click("input[name=kind][value=" + kind + "]");
        browser.type("#meetings-starts-day", Integer.toString(day.getDayOfMonth()));
        browser.type("#meetings-starts-month", Integer.toString(day.getMonthValue()));
        browser.type("#meetings-starts-year", Integer.toString(day.getYear()));
        browser.type("#meetings-starts-time", "10:00");
        browser.type("#meetings-place", place);
        browser.click("input[name=companionRole][value=" + companion + "]");
        if (!companionName.isEmpty()) {
            browser.type("#meetings-companionName", companionName);
        }
        browser.press("Arrange meeting");
        assertThat(browser.text("#done")).isEqualTo("The meeting is arranged");
    }

    /** Opens a letter of that kind from its template. */
    private static void write(String kind, String title) {
        browser.select("#letters-kind", kind);
        browser.press("Write letter");
        assertThat(browser.heading()).isEqualTo(title);
    }

    /** Follows the report up until the check-in is there to answer (the sweep runs every half second). */
    private static void awaitCheckIn(String reference, String receipt) {
        awaitFollowUp(reference, receipt, "#check-in");
    }

    /** Follows the report up until the page shows {@code css}: the reporter's view follows their report's events. */
    private static void awaitFollowUp(String reference, String receipt, String css) {
        var deadline = java.time.Instant.now().plusSeconds(60);
        while (java.time.Instant.now().isBefore(deadline)) {
            followUp(reference, receipt);
            if (!browser.findAll(css).isEmpty()) {
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no " + css + " on the follow-up page");
    }

    private static void followUp(String reference, String receipt) {
        browser.go("/follow-up");
        browser.type("#reference", reference);
        browser.type("#receipt", receipt);
        browser.press("Continue");
    }
}
