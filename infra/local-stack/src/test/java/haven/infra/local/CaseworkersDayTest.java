package haven.infra.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import haven.infra.embedded.EmbeddedStore;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A caseworker's day, in a real browser against the real services, with mail read from a real SMTP
 * server and the clock moved: a report waits past its triage date and is escalated; the case manager
 * is emailed, finds it by its reference and assigns it to a caseworker from the staff Haven knows; the
 * caseworker is emailed, triages it and adds a letter; the reporter adds a photo from the follow-up
 * page and the caseworker is emailed; the caseworker agrees an action with a colleague, who completes
 * it from their own list without seeing the rest of the case.
 */
class CaseworkersDayTest {

    static GreenMail mail;
    static Path clock;
    static LocalSystem system;
    static Browser browser;

    @TempDir
    static Path work;

    @BeforeAll
    static void startTheSystemWithMailAndAMovableClock() throws Exception {
        mail = new GreenMail(new ServerSetup(LocalSystem.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        clock = Files.createTempFile("haven-clock", ".offset");
        system = LocalSystem.start(
                "caseworkers-day-logs",
                EmbeddedStore.inMemory(),
                LocalSystem.MASTER_KEY,
                ServiceProcess.partnership(),
                Map.of(
                        "SPRING_MAIL_HOST", "127.0.0.1",
                        "SPRING_MAIL_PORT", Integer.toString(mail.getSmtp().getPort()),
                        "HAVEN_MAIL_SEND_EVERY", "PT0.5S",
                        "HAVEN_ESCALATION_SWEEP_EVERY", "PT0.5S",
                        "HAVEN_CLOCK_OFFSET_FILE", clock.toString()));
        browser = Browser.open(LocalSystem.ROOT, system.query().url());
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (system != null) {
            system.close();
        }
        if (mail != null) {
            mail.stop();
        }
        Files.deleteIfExists(clock);
    }

    @Test
    void anEscalatedReportIsFoundAssignedGivenEvidenceAndItsActionDone() throws Exception {
        // the team's manager and caseworkers have used Haven, so it knows whom to tell and whom to offer
        for (String staff : new String[] {"mgr.jones", "cw.patel", "cw.lee"}) {
            browser.signIn("/cases", staff);
            browser.signOut();
        }
        var receipt = JsonHttp.anonymous()
                .post(
                        system.command().url() + "/api/reports",
                        Map.ofEntries(
                                Map.entry("type", "HATE_INCIDENT"),
                                Map.entry("organisation", "castle-council"),
                                Map.entry("category", "THREATS"),
                                Map.entry("occurredOn", LocalDate.now().toString()),
                                Map.entry("locationType", "HOME_OR_NEIGHBOURHOOD"),
                                Map.entry("area", "CASTLE"),
                                Map.entry("motivations", java.util.List.of("RELIGION_OR_BELIEF")),
                                Map.entry("reporterRole", "VICTIM"),
                                Map.entry("anonymous", true),
                                Map.entry("narrative", "They said they would burn my house down tonight.")))
                .body();
        String reference = receipt.path("reference").asText();

        // a week on, nobody has triaged it: it was due the next working day
        Files.writeString(clock, "P7D");
        var escalation = awaitMail("mgr.jones@haven.example", "Case " + reference + " is escalated: triage overdue");
        assertThat(GreenMailUtil.getBody(escalation)).doesNotContain("burn", "house", "threats");

        browser.signIn("/cases", "mgr.jones");
        assertThat(browser.text("#caseload tbody tr:first-child")).contains(reference, "Escalated");
        browser.check("caseload-escalated");
        browser.type("#reference", reference.toLowerCase());
        browser.press("Find");
        assertThat(browser.heading()).isEqualTo("Case " + reference);
        assertThat(browser.text("#escalations")).contains("triage overdue");
        browser.check("case-escalated");
        browser.select("#assignment-caseworker", "cw.patel");
        browser.press("Assign");
        assertThat(browser.text("#done")).isEqualTo("The case has been assigned");
        browser.signOut();
        awaitMail("cw.patel@haven.example", "Case " + reference + " has been assigned to you");

        browser.signIn("/cases", "cw.patel");
        browser.press(reference);
        browser.click("input[name=category][value=THREATS]");
        browser.click("input[name=risk][value=HIGH]");
        browser.click("input[name=route][value=REFERRAL_TO_POLICE]");
        browser.press("Triage case");
        assertThat(browser.text("#done")).isEqualTo("The case has been triaged");

        // the caseworker adds the letter they sent the housing officer; a disguised file is refused
        Path letter = Files.createTempFile(work, "letter-to-housing", ".pdf");
        Files.write(letter, "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
        Path disguised = Files.createTempFile(work, "photo", ".jpg");
        Files.writeString(disguised, "<html><script>alert(1)</script></html>");
        browser.choose("#attachments-file", disguised);
        browser.press("Add file");
        assertThat(browser.text("#attachments-file-error")).contains("The file must be a photo or screenshot");
        browser.choose("#attachments-file", letter);
        browser.press("Add file");
        assertThat(browser.text("#done")).isEqualTo("Your file has been added to the case");
        assertThat(browser.text("#evidence")).contains(letter.getFileName().toString(), "cw.patel");
        browser.check("case-evidence");
        browser.signOut();

        // the reporter adds a photo from the follow-up page; the caseworker is told and finds it on the case
        browser.go("/follow-up");
        browser.type("#reference", reference);
        browser.type("#receipt", receipt.path("receipt").asText());
        browser.press("Continue");
        Path photo = Files.createTempFile(work, "doorstep", ".png");
        Files.write(photo, PNG);
        browser.choose("#file", photo);
        browser.press("Add file");
        assertThat(browser.text("#file-added")).isEqualTo("Your file has been added to your report.");
        assertThat(browser.text("#your-files")).contains(photo.getFileName().toString());
        browser.check("follow-up-file-added");
        awaitMail("cw.patel@haven.example", "The reporter has added a file to case " + reference);
        browser.signIn("/cases", "cw.patel");
        browser.press(reference);
        assertThat(browser.text("#evidence")).contains(photo.getFileName().toString(), "The reporter");
        assertThat(browser.findAll("#evidence a[download]")).hasSize(2);
        LocalDate due = LocalDate.now().plusDays(10);
        browser.type("#actions-description", "Check the door camera footage with the housing officer");
        browser.type("#actions-owner", "cw.lee");
        browser.type("#actions-due-day", Integer.toString(due.getDayOfMonth()));
        browser.type("#actions-due-month", Integer.toString(due.getMonthValue()));
        browser.type("#actions-due-year", Integer.toString(due.getYear()));
        browser.press("Agree action");
        assertThat(browser.text("#done")).isEqualTo("The action has been agreed");
        browser.signOut();

        // the colleague sees their action, not the case, and marks it done
        browser.signIn("/actions", "cw.lee");
        assertThat(browser.heading()).isEqualTo("Your actions");
        assertThat(browser.text("#my-actions")).contains(reference, "Check the door camera footage");
        assertThat(browser.findAll("#my-actions a")).isEmpty();
        browser.check("my-actions");
        browser.press("Mark as done: " + reference);
        assertThat(browser.text("#done")).isEqualTo("The action is marked as done");
        assertThat(browser.text("#no-actions")).isEqualTo("You have no actions to do.");
        browser.check("my-actions-done");
        browser.signOut();
    }

    /** A real 1x1 PNG, as a phone's photo would be to Tika. */
    static final byte[] PNG = java.util.Base64.getDecoder()
            .decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    /** The first mail to that address whose subject says so, waiting for it to be sent. */
    private static MimeMessage awaitMail(String to, String subject) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            Optional<MimeMessage> found = Arrays.stream(mail.getReceivedMessages())
                    .filter(message ->
                            addressedTo(message, to) && subjectOf(message).equals(subject))
                    .findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            mail.waitForIncomingEmail(1000, mail.getReceivedMessages().length + 1);
        }
        throw new AssertionError("no mail to " + to + " saying " + subject);
    }

    private static boolean addressedTo(MimeMessage message, String to) {
        try {
            return Arrays.stream(message.getAllRecipients())
                    .anyMatch(address -> address.toString().equals(to));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subjectOf(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
