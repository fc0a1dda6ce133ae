package haven.query.reporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.mongodb.client.MongoDatabase;
import haven.events.AppealDecided;
import haven.events.AppealHearerAppointed;
import haven.events.AppealLodged;
import haven.events.AppealOutcome;
import haven.events.CaseClosed;
import haven.events.CaseId;
import haven.events.CaseResolved;
import haven.events.CaseTriaged;
import haven.events.CaseworkerAssigned;
import haven.events.Category;
import haven.events.CheckInAnswered;
import haven.events.CheckInSent;
import haven.events.ConsentToShareChanged;
import haven.events.ContactPreference;
import haven.events.ErasureReason;
import haven.events.LetterKind;
import haven.events.LetterSent;
import haven.events.LocationType;
import haven.events.MessageFromReporterReceived;
import haven.events.MessageToReporterSent;
import haven.events.Motivation;
import haven.events.Outcome;
import haven.events.PersonalDataErased;
import haven.events.ReportSubmitted;
import haven.events.ReportType;
import haven.events.ReporterRole;
import haven.events.RiskLevel;
import haven.events.Route;
import haven.infra.privacy.PersonalDataKeys;
import haven.infra.security.Role;
import haven.infra.security.TestTokens;
import haven.query.QueryServiceTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;

@QueryServiceTest(database = "reporter-tests")
class ReporterStatusAndTimelineTest {

    static final String MANAGER = TestTokens.bearer("mgr.jones", "equality", Role.CASE_MANAGER);

    static final String RECEIPT = "4821093755123370";
    static final String HASH = new BCryptPasswordEncoder().encode(RECEIPT);

    @Autowired
    MockMvc http;

    @Autowired
    PersonalDataKeys keys;

    @Autowired
    EventStore events;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    MongoDatabase database;

    CaseId caseId;
    String reference;
    final AtomicLong sequence = new AtomicLong();

    @BeforeEach
    void aReportWorkedOnAndAnswered() {
        caseId = new CaseId(UUID.randomUUID().toString());
        reference = "HV-" + caseId.value().substring(0, 4).toUpperCase().replaceAll("[^A-Z2-9]", "Q") + "-TT";
        append(new ReportSubmitted(
                caseId,
                reference,
                HASH,
                ReportType.HATE_INCIDENT,
                Category.ONLINE_ABUSE,
                LocalDate.parse("2026-10-20"),
                LocationType.ONLINE,
                "Colchester",
                Set.of(Motivation.SEXUAL_ORIENTATION),
                ReporterRole.VICTIM,
                true,
                null,
                ContactPreference.FOLLOW_UP_ONLY,
                "Private account of what happened",
                List.of("A. Colleague"),
                false,
                false,
                null));
        append(new CaseTriaged(
                caseId,
                Category.ONLINE_ABUSE,
                Set.of(),
                Set.of(),
                RiskLevel.MEDIUM,
                Route.INFORMAL_RESOLUTION,
                LocalDate.parse("2026-10-23"),
                LocalDate.parse("2026-12-01"),
                "cw.lee",
                null));
        append(new CaseworkerAssigned(caseId, "cw.lee", "equality", "mgr.jones"));
        append(new MessageToReporterSent(caseId, "m-1", "Thank you, we are looking into this.", "cw.lee"));
        append(new MessageFromReporterReceived(caseId, "m-2", "There were more posts last night."));
        append(new CaseResolved(
                caseId,
                Outcome.RESOLVED_INFORMALLY,
                "Posts removed, apology",
                Instant.parse("2026-12-20T00:00:00Z"),
                "cw.lee"));
    }

    @Test
    void theReporterSeesWhereTheirReportStandsAndTheMessagesButNotWhoHandlesIt() throws Exception {
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> followUp(reference, RECEIPT)
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$.status").value("Your report has been resolved."))
                        .andExpect(jsonPath("$.outcome").value("resolved informally"))
                        .andExpect(jsonPath("$.appealUntil").value("2026-12-20T00:00:00Z"))
                        .andExpect(jsonPath("$.messages[*].from")
                                .value(org.hamcrest.Matchers.contains("case team", "you")))
                        .andExpect(jsonPath("$.messages[1].text").value("There were more posts last night.")));

        String body = followUp(reference, "4821-0937-5512-3370")
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(body).doesNotContain("cw.lee", "mgr.jones", "equality", caseId.value(), "A. Colleague");
    }

    @Test
    void theReporterSeesTheirAppealReceivedAndDecidedForGoodButNotWhoHearsIt() throws Exception {
        append(new CaseResolved(
                caseId, Outcome.NOT_UPHELD, "Not upheld", Instant.now().plus(Duration.ofDays(14)), "cw.lee"));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> followUp(reference, RECEIPT)
                        .andExpect(jsonPath("$.outcome").value("not upheld"))
                        .andExpect(jsonPath("$.mayAppeal").value(true)));

        append(new AppealLodged(caseId, "The posts were never looked at", null));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> followUp(reference, RECEIPT)
                        .andExpect(jsonPath("$.status").value("We have received your appeal."))
                        .andExpect(jsonPath("$.mayAppeal").value(false)));

        append(new AppealHearerAppointed(caseId, "mgr.ahmed", "mgr.jones"));
        append(new AppealDecided(caseId, AppealOutcome.DISMISSED, "The posts were looked at", "mgr.ahmed"));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> followUp(reference, RECEIPT)
                        .andExpect(jsonPath("$.status").value("Your appeal has been decided."))
                        .andExpect(jsonPath("$.appealOutcome").value("dismissed"))
                        .andExpect(jsonPath("$.mayAppeal").value(false)));
        assertThat(followUp(reference, RECEIPT).andReturn().getResponse().getContentAsString())
                .doesNotContain("mgr.ahmed", "mgr.jones");
    }

    @Test
    void theReporterSeesWhetherTheyAgreedToShareAndTheirChange() throws Exception {
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> followUp(reference, RECEIPT)
                        .andExpect(jsonPath("$.consentToShare").value(false)));
        append(new ConsentToShareChanged(caseId, true));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> followUp(reference, RECEIPT)
                        .andExpect(jsonPath("$.consentToShare").value(true)));
        http.perform(get("/api/cases/" + caseId.value() + "/record").header("Authorization", MANAGER))
                .andExpect(jsonPath("$.report.consentToShare").value(true));
    }

    @Test
    void theCheckInAfterClosureWaitsForTheReportersAnswer() throws Exception {
        append(new CaseClosed(caseId, "cw.lee"));
        append(new CheckInSent(caseId, LocalDate.parse("2027-01-31")));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> followUp(reference, RECEIPT)
                        .andExpect(jsonPath("$.checkInOpen").value(true)));
        append(new CheckInAnswered(caseId, true, "Left off the rota since"));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> followUp(reference, RECEIPT)
                        .andExpect(jsonPath("$.checkInOpen").value(false)));
        http.perform(get("/api/cases/" + caseId.value() + "/record").header("Authorization", MANAGER))
                .andExpect(jsonPath("$.checkIn.victimised").value(true))
                .andExpect(jsonPath("$.checkIn.details").value("Left off the rota since"));
    }

    @Test
    void aLetterIsReadOnTheFollowUpPageAndDownloadedAsAPdfByTheReporterAndTheCaseTeam() throws Exception {
        String letterId = UUID.randomUUID().toString();
        append(new LetterSent(
                caseId, letterId, LetterKind.OUTCOME, "Your report: the outcome\n\nThe posts were removed.", "cw.lee"));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> followUp(reference, RECEIPT)
                        .andExpect(jsonPath("$.letters[0].title").value("The outcome of your report"))
                        .andExpect(
                                jsonPath("$.letters[0].text").value(org.hamcrest.Matchers.containsString("removed"))));

        var pdf = http.perform(
                        post("/follow-up/letters/" + letterId + "/pdf")
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.csrf())
                                .param("reference", reference)
                                .param("receipt", RECEIPT))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse();
        assertThat(pdf.getContentType()).isEqualTo("application/pdf");
        assertThat(pdf.getHeader("Content-Disposition"))
                .isEqualTo("attachment; filename=\"" + reference + "-letter.pdf\"");
        assertThat(new String(pdf.getContentAsByteArray(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("%PDF-");
        http.perform(
                        post("/follow-up/letters/" + letterId + "/pdf")
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.csrf())
                                .param("reference", reference)
                                .param("receipt", "0000000000000000"))
                .andExpect(status().isNotFound());
        http.perform(get("/api/cases/" + caseId.value() + "/letters/" + letterId + "/pdf")
                        .header("Authorization", MANAGER))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .contentType("application/pdf"));
    }

    @Test
    void aCaseLeftIdleUntilRetentionClosedAndErasedItTellsTheReporterToMakeANewReport() throws Exception {
        append(new CaseClosed(caseId, "retention-policy"));
        append(new PersonalDataErased(caseId, ErasureReason.NO_ACTIVITY_FOR_RETENTION_PERIOD, "retention-policy"));
        keys.destroy(caseId.value());
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> followUp(reference, RECEIPT)
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$.status").value("Your case is closed and its details have been deleted."))
                        .andExpect(
                                jsonPath("$.nextStep").value(org.hamcrest.Matchers.containsString("make a new report")))
                        .andExpect(jsonPath("$.open").value(false))
                        .andExpect(jsonPath("$.messages[*].text")
                                .value(org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.nullValue()))));
    }

    @Test
    void aWrongReceiptGetsTheSameAnswerAsAnUnknownReference() throws Exception {
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> followUp(reference, RECEIPT).andExpect(status().isOk()));

        String wrongReceipt = followUp(reference, "1111111111111111")
                .andExpect(status().isNotFound())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String unknownReference = followUp("HV-ZZZZ-ZZ", RECEIPT)
                .andExpect(status().isNotFound())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(wrongReceipt).isEqualTo(unknownReference);
    }

    @Test
    void theTimelineListsEveryEventInOrderWithWhoDidItAndNoFreeText() throws Exception {
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> http.perform(
                                get("/api/cases/" + caseId + "/timeline").header("Authorization", MANAGER))
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$.entries.length()").value(6)));

        String body = http.perform(get("/api/cases/" + caseId + "/timeline").header("Authorization", MANAGER))
                .andExpect(jsonPath("$.entries[*].who")
                        .value(org.hamcrest.Matchers.contains(
                                "reporter", "cw.lee", "mgr.jones", "cw.lee", "reporter", "cw.lee")))
                .andExpect(jsonPath("$.entries[0].what")
                        .value("Report submitted: hate incident, online abuse, anonymous, by victim"))
                .andExpect(jsonPath("$.entries[5].what").value("Resolved: resolved informally"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(body).doesNotContain("Private account", "more posts", "Posts removed", "A. Colleague");
    }

    @Test
    void rebuildingTheTimelinesAndReporterStatusesGivesTheSameViews() throws Exception {
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> followUp(reference, RECEIPT)
                        .andExpect(jsonPath("$.status").value("Your report has been resolved.")));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> http.perform(
                                get("/api/cases/" + caseId + "/timeline").header("Authorization", MANAGER))
                        .andExpect(jsonPath("$.entries.length()").value(6)));
        var views = List.of("timelines", "reporter_references", "reporter_statuses");
        var before = views.stream().map(this::contents).toList();

        for (String name : List.of("timeline", "reporter-status")) {
            var processor = processing
                    .eventProcessor(name, StreamingEventProcessor.class)
                    .orElseThrow();
            processor.shutDown();
            processor.resetTokens();
            processor.start();
        }

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        assertThat(views.stream().map(this::contents).toList()).isEqualTo(before));
    }

    /** A view's documents, with sealed personal data opened: each sealing uses a fresh nonce. */
    private List<Object> contents(String collection) {
        return database.getCollection(collection)
                .find()
                .sort(new org.bson.Document("_id", 1))
                .map(this::opened)
                .into(new java.util.ArrayList<>());
    }

    private Object opened(Object value) {
        if (value instanceof org.bson.Document document) {
            var copy = new java.util.TreeMap<String, Object>();
            document.forEach((key, inner) -> copy.put(key, opened(inner)));
            return copy;
        }
        return value instanceof String text && PersonalDataKeys.isSealed(text)
                ? keys.open(text).orElse(null)
                : value;
    }

    @Test
    void anUnknownCaseHasNoTimeline() throws Exception {
        http.perform(get("/api/cases/" + UUID.randomUUID() + "/timeline").header("Authorization", MANAGER))
                .andExpect(status().isNotFound());
    }

    private org.springframework.test.web.servlet.ResultActions followUp(String reference, String receipt)
            throws Exception {
        return http.perform(post("/api/reporter/status")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"reference\": \"" + reference + "\", \"receipt\": \"" + receipt + "\"}"));
    }

    private void append(Object event) {
        events.publish(new GenericDomainEventMessage<>("Case", caseId.value(), sequence.getAndIncrement(), event));
    }
}
