package haven.command.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import haven.command.ApiTest;
import haven.command.escalation.EscalationSweep;
import haven.infra.security.Role;
import haven.infra.security.TestTokens;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * What reaches people's inboxes, read from a real SMTP server: who is told what, and that no mail
 * holds what happened, who was involved or what kind of case it is; a mail server that is down
 * delays mail and fails nothing.
 */
@TestPropertySource(properties = {"haven.mail.send-every=PT0.2S", "haven.mail.first-retry=PT0.2S"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotificationsTest extends ApiTest {

    static final GreenMail MAIL = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    static {
        MAIL.start();
    }

    private static int freePort() {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static final String CASE_MANAGER =
            TestTokens.bearerWithEmail("mgr.jones", "equality", "mgr.jones@haven.example", Role.CASE_MANAGER);
    static final String CASEWORKER =
            TestTokens.bearerWithEmail("cw.patel", "equality", "cw.patel@haven.example", Role.CASEWORKER);
    static final String NARRATIVE = "Dan Smith shouted at me on the number 12 bus";
    static final String NAMED_REPORT = ANONYMOUS_REPORT
            .replace("What happened, in the reporter's words", NARRATIVE)
            .replace(
                    "\"anonymous\": true, \"reporter\": null",
                    "\"anonymous\": false, \"reporter\": {\"name\": \"Sam Okafor\", \"email\": \"sam@example.org\"},"
                            + " \"contactPreference\": \"EMAIL\"");

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry settings) {
        settings.add("spring.mail.host", () -> "127.0.0.1");
        settings.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
    }

    @AfterAll
    static void stopMail() {
        MAIL.stop();
    }

    @Autowired
    EscalationSweep escalations;

    @Test
    @Order(1)
    void eachPersonIsToldThatSomethingNeedsThemAndNothingMore() throws Exception {
        signIn(CASE_MANAGER);
        signIn(CASEWORKER);
        var receipt = submitReport(NAMED_REPORT);
        String caseId = receipt.get("caseId").asText();
        String reference = receipt.get("reference").asText();

        postJson("/api/cases/" + caseId + "/assignment", """
                {"caseworker": "cw.patel", "team": "equality"}""", CASE_MANAGER).andExpect(status().isNoContent());
        var assigned = awaitMail("cw.patel@haven.example", "Case " + reference + " has been assigned to you");
        assertThat(GreenMailUtil.getBody(assigned)).contains("/cases/" + caseId);

        postJson("/api/cases/" + caseId + "/messages", """
                {"text": "Thank you. Could you tell us which stop?"}""", CASEWORKER).andExpect(status().isAccepted());
        var toReporter = awaitMail("sam@example.org", "There is a new message about your report");
        assertThat(GreenMailUtil.getBody(toReporter))
                .contains(reference, "/follow-up")
                .doesNotContain("stop");

        postJson(
                        "/api/reporter/messages",
                        """
                {"reference": "%s", "receipt": "%s", "text": "It was the stop by the library"}""".formatted(reference, receipt.get("receipt").asText()),
                        "")
                .andExpect(status().isAccepted());
        awaitMail("cw.patel@haven.example", "The reporter has written about case " + reference);

        // untriaged for a month: escalated to the team's case manager, and its caseworker told
        escalations.sweep(LocalDate.now().plusMonths(1));
        awaitMail("mgr.jones@haven.example", "Case " + reference + " is escalated: triage overdue");
        awaitMail("cw.patel@haven.example", "Case " + reference + " is escalated: triage overdue");

        for (MimeMessage mail : MAIL.getReceivedMessages()) {
            String text = mail.getSubject() + "\n" + GreenMailUtil.getBody(mail);
            assertThat(text)
                    .doesNotContain(NARRATIVE, "Dan Smith", "Sam Okafor", "verbal abuse", "VERBAL_ABUSE", "stop")
                    .doesNotContainIgnoringCase("race");
        }
    }

    @Test
    @Order(2) // sweeps days after the first test's: the sweep's progress only moves forward
    void anActionsOwnerIsRemindedOnTheDayItIsDueAndToldWhenItIsOverdue() throws Exception {
        signIn(CASE_MANAGER);
        String owner = TestTokens.bearerWithEmail("hr.khan", "hr", "hr.khan@haven.example", Role.CASEWORKER);
        signIn(owner);
        var receipt = submitReport(NAMED_REPORT);
        String caseId = receipt.get("caseId").asText();
        String reference = receipt.get("reference").asText();
        LocalDate due = LocalDate.now().plusDays(40);
        postJson("/api/cases/" + caseId + "/actions", """
                {"description": "Ask for CCTV", "owner": "hr.khan", "due": "%s"}""".formatted(due), CASE_MANAGER)
                .andExpect(status().isAccepted());
        // the deadline watch files the case under the action's due day from the events, in its own time
        await().atMost(Duration.ofSeconds(20))
                .until(() -> database.getCollection("escalation_due")
                                .find(com.mongodb.client.model.Filters.eq("_id", due + "/" + caseId))
                                .first()
                        != null);

        escalations.sweep(due.minusDays(1));
        escalations.sweep(due);
        var reminder = awaitMail("hr.khan@haven.example", "An action you own on case " + reference + " is due today");
        assertThat(GreenMailUtil.getBody(reminder)).contains("/actions").doesNotContain("/cases/", "CCTV");
        escalations.sweep(due); // a second round on the same day reminds nobody again

        escalations.sweep(due.plusDays(1));
        awaitMail("hr.khan@haven.example", "An action you own on case " + reference + " was due on " + due);
        assertThat(mailsTo("hr.khan@haven.example", "is due today")).isEqualTo(1);
    }

    @Test
    void aReporterWhoReportedInWelshIsToldInWelsh() throws Exception {
        signIn(CASE_MANAGER);
        var receipt = submitReport(NAMED_REPORT
                .replace("sam@example.org", "rhys@example.org")
                .replace("\"consentToShare\": false", "\"consentToShare\": false, \"language\": \"cy\""));
        String caseId = receipt.get("caseId").asText();
        postJson("/api/cases/" + caseId + "/messages", """
                {"text": "Diolch. Pa arhosfan?"}""", CASE_MANAGER).andExpect(status().isAccepted());
        var toReporter = awaitMail("rhys@example.org", "Mae neges newydd am eich adroddiad");
        assertThat(GreenMailUtil.getBody(toReporter))
                .contains(receipt.get("reference").asText(), "/follow-up", "Dilynwch ef")
                .doesNotContain("arhosfan");
    }

    @Test
    void aMailServerThatIsDownDelaysTheMailAndFailsNoCommand() throws Exception {
        signIn(CASE_MANAGER);
        signIn(CASEWORKER);
        String caseId = caseIdOfNewReport();
        MAIL.stop();
        try {
            postJson("/api/cases/" + caseId + "/assignment", """
                    {"caseworker": "cw.patel", "team": "equality"}""", CASE_MANAGER).andExpect(status().isNoContent());
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> database
                            .getCollection("mail_outbox")
                            .find(com.mongodb.client.model.Filters.eq("caseId", caseId))
                            .into(new java.util.ArrayList<>())
                            .stream()
                            .anyMatch(pending -> pending.getInteger("attempts", 0) > 0));
        } finally {
            MAIL.start();
        }
        awaitMail("cw.patel@haven.example", "has been assigned to you");
    }

    private MimeMessage awaitMail(String to, String subject) {
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> Arrays.stream(MAIL.getReceivedMessages())
                                .filter(mail -> recipients(mail).contains(to))
                                .filter(mail -> subjectOf(mail).contains(subject))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
    }

    private static long mailsTo(String to, String subject) {
        return Arrays.stream(MAIL.getReceivedMessages())
                .filter(mail -> recipients(mail).contains(to))
                .filter(mail -> subjectOf(mail).contains(subject))
                .count();
    }

    private static List<String> recipients(MimeMessage mail) {
        try {
            return Arrays.stream(mail.getAllRecipients()).map(Object::toString).toList();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subjectOf(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
