package haven.command.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.mongodb.client.model.Filters;
import haven.command.ApiTest;
import haven.infra.council.UkCalendar;
import haven.infra.council.WorkingDays;
import haven.infra.privacy.PersonalDataKeys;
import haven.infra.security.Role;
import haven.infra.security.TestTokens;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

class CaseLifecycleApiTest extends ApiTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Autowired
    PersonalDataKeys keys;

    static final String TRIAGE = """
            {"category": "VERBAL_ABUSE", "characteristics": ["RACE"], "strands": ["RACE"],
             "risk": "HIGH", "route": "FORMAL_INVESTIGATION"}""";
    static final WorkingDays WORKING_DAYS = new WorkingDays(UkCalendar.ENGLAND_AND_WALES);
    static final String RESOLUTION = """
            {"outcome": "UPHELD", "summary": "Apology given and training arranged"}""";

    @Test
    void aCaseworkerTakesAReportFromTriageToClosureAndTheReporterAppealsToSomeoneElse() throws Exception {
        var report = submitAnonymousReport();
        String c = "/api/cases/" + report.get("caseId").asText();
        signIn(TestTokens.bearer("cw.patel", "equality", Role.CASEWORKER));

        postJson(c + "/triage", TRIAGE)
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.firstContactDue")
                        .value(WORKING_DAYS.after(LocalDate.now(LONDON), 1).toString()))
                .andExpect(jsonPath("$.resolutionDue")
                        .value(WORKING_DAYS.after(LocalDate.now(LONDON), 20).toString()));
        postJson(c + "/assignment", """
                {"caseworker": "cw.patel", "team": "equality"}""").andExpect(status().isNoContent());
        postJson(c + "/notes", """
                {"text": "Spoke to the bus operator"}""").andExpect(status().isAccepted());
        String actionId = json.readTree(postJson(c + "/actions", """
                        {"description": "Ask for CCTV", "owner": "cw.patel", "due": "%s"}""".formatted(
                                        LocalDate.now(LONDON).plusDays(7)))
                        .andExpect(status().isAccepted())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("actionId")
                .asText();
        postJson(c + "/actions/" + actionId + "/completion", "").andExpect(status().isNoContent());
        postJson(c + "/messages", """
                {"text": "We are looking into it"}""").andExpect(status().isAccepted());
        postJson(c + "/resolution", RESOLUTION)
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.appealDeadline").exists());
        postJson(c + "/closure", "").andExpect(status().isNoContent());
        var followUp = json.createObjectNode()
                .put("reference", report.get("reference").asText())
                .put("receipt", report.get("receipt").asText());
        postJson(
                        "/api/reporter/appeal",
                        followUp.put("grounds", "My witness was never asked").toString())
                .andExpect(status().isAccepted());
        postJson("/api/reporter/appeal", followUp.put("grounds", "Again").toString())
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("An appeal against this outcome has already been lodged"));
        // mgr.jones decided it; a manager of another team hears it
        String hearer = TestTokens.bearer("mgr.ahmed", "finance", Role.CASE_MANAGER);
        signIn(hearer);
        postJson(c + "/appeal/hearer", """
                {"hearer": "mgr.jones"}""")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("The person who decided the case cannot hear its appeal"));
        postJson(c + "/appeal/hearer", """
                {"hearer": "mgr.ahmed"}""").andExpect(status().isNoContent());
        postJson(c + "/appeal/decision", """
                {"outcome": "UPHELD", "reasons": "Agreed"}""").andExpect(status().isConflict());
        postJson(c + "/appeal/decision", """
                {"outcome": "PARTLY_UPHELD", "reasons": "The witness supports part of it"}""", hearer).andExpect(status().isAccepted());
        postJson("/api/reporter/appeal", followUp.put("grounds", "Once more").toString())
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("The appeal has been decided; its outcome is final"));
        postJson(c + "/reopening", """
                {"reason": "The reporter has new evidence"}""").andExpect(status().isNoContent());

        assertThat(eventsOf(c.substring("/api/cases/".length())))
                .containsExactly(
                        "ReportSubmitted",
                        "ReportRoutedToTeam",
                        "DeadlinesSet",
                        "CaseTriaged",
                        "DeadlinesSet",
                        "CaseworkerAssigned",
                        "InvestigationNoteAdded",
                        "ActionAgreed",
                        "ActionCompleted",
                        "MessageToReporterSent",
                        "CaseResolved",
                        "CaseClosed",
                        "AppealLodged",
                        "AppealHearerAppointed",
                        "AppealDecided",
                        "CaseReopened",
                        "DeadlinesSet");
    }

    @Test
    void aRefusedRuleIsA409ThatStatesTheRuleAndStoresNothing() throws Exception {
        String caseId = caseIdOfNewReport();

        postJson("/api/cases/" + caseId + "/resolution", RESOLUTION)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:haven:problem:rule-refused"))
                .andExpect(jsonPath("$.detail").value("A case must be triaged before it can be resolved"));

        assertThat(eventsOf(caseId)).containsExactly("ReportSubmitted", "ReportRoutedToTeam", "DeadlinesSet");
    }

    @Test
    void anUnknownOrMalformedCaseIdIsNotFound() throws Exception {
        postJson("/api/cases/" + UUID.randomUUID() + "/triage", TRIAGE)
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:haven:problem:unknown-case"));
        postJson("/api/cases/not-a-case/triage", TRIAGE)
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:haven:problem:unknown-case"));
    }

    @Test
    void caseworkerCommandsNeedSignIn() throws Exception {
        String caseId = caseIdOfNewReport();
        http.perform(post("/api/cases/" + caseId + "/triage")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(TRIAGE))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer"))
                .andExpect(jsonPath("$.type").value("urn:haven:problem:sign-in-required"));
        assertThat(eventsOf(caseId)).containsExactly("ReportSubmitted", "ReportRoutedToTeam", "DeadlinesSet");
    }

    @Test
    void dueDatesInThePastOrOutOfOrderAreRefused() throws Exception {
        String c = "/api/cases/" + caseIdOfNewReport();
        postJson(c + "/triage", TRIAGE.replace("}", ", \"firstContactDue\": \"2020-01-01\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("firstContactDue"));
        postJson(
                        c + "/triage",
                        TRIAGE.replace(
                                "}",
                                ", \"firstContactDue\": \"%s\", \"resolutionDue\": \"%s\"}"
                                        .formatted(
                                                LocalDate.now(LONDON).plusDays(9),
                                                LocalDate.now(LONDON).plusDays(3))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("resolutionDue"));
    }

    @Test
    void assigningAConflictedCaseworkerIsRefused() throws Exception {
        String c = "/api/cases/" + caseIdOfNewReport();
        postJson(c + "/conflicts", """
                {"caseworker": "cw.ahmed", "reason": "Manages one of the people involved"}""").andExpect(status().isNoContent());
        postJson(c + "/assignment", """
                {"caseworker": "cw.ahmed", "team": "equality"}""")
                .andExpect(status().isConflict())
                .andExpect(
                        jsonPath("$.detail")
                                .value(
                                        "That caseworker has a declared conflict of interest in this case and cannot be assigned to it"));
    }

    @Test
    void twoResolutionsRacingOnOneCaseOneWinsTheOtherIs409() throws Exception {
        String c = "/api/cases/" + caseIdOfNewReport();
        postJson(c + "/triage", TRIAGE).andExpect(status().isAccepted());

        Callable<Integer> resolve = () -> postJson(c + "/resolution", RESOLUTION)
                .andReturn()
                .getResponse()
                .getStatus();
        var statuses = new ArrayList<Integer>();
        var pool = Executors.newFixedThreadPool(2);
        for (var result : pool.invokeAll(List.of(resolve, resolve))) {
            statuses.add(result.get());
        }
        pool.shutdown();

        assertThat(statuses).containsExactlyInAnyOrder(202, 409);
        assertThat(eventsOf(c.substring("/api/cases/".length())).stream().filter("CaseResolved"::equals))
                .hasSize(1);
    }

    @Test
    void aNoteResentWithTheSameIdempotencyKeyIsStoredOnce() throws Exception {
        String caseId = caseIdOfNewReport();
        String key = UUID.randomUUID().toString();
        for (int attempt = 0; attempt < 2; attempt++) {
            http.perform(post("/api/cases/" + caseId + "/notes")
                            .header("Authorization", MANAGER)
                            .header("Idempotency-Key", key)
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"text\": \"Called the witness\"}"))
                    .andExpect(status().isAccepted());
        }
        assertThat(eventsOf(caseId))
                .containsExactly("ReportSubmitted", "ReportRoutedToTeam", "DeadlinesSet", "InvestigationNoteAdded");
    }

    @Test
    void anInvalidNoteNamesTheFieldAndStoresNothing() throws Exception {
        String caseId = caseIdOfNewReport();
        postJson("/api/cases/" + caseId + "/notes", "{\"text\": \"  \"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("text"));
        postJson("/api/cases/" + caseId + "/notes", "{not json")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:haven:problem:unreadable-body"));
        assertThat(eventsOf(caseId)).containsExactly("ReportSubmitted", "ReportRoutedToTeam", "DeadlinesSet");
    }

    /**
     * The key store's backstop: were a case's keys destroyed behind the aggregate's back, its next
     * note is still refused with the erasure rule, whole, and no new key is made for it.
     */
    @Test
    void personalDataForACaseWhoseKeysAreDestroyedIsRefusedWhole() throws Exception {
        String caseId = caseIdOfNewReport();
        keys.destroy(caseId);

        postJson("/api/cases/" + caseId + "/notes", """
                {"text": "Spoke to the bus operator"}""")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:haven:problem:rule-refused"))
                .andExpect(jsonPath("$.detail").value(RuleViolation.CASE_ERASED));

        assertThat(eventsOf(caseId)).containsExactly("ReportSubmitted", "ReportRoutedToTeam", "DeadlinesSet");
        assertThat(database.getCollection("personal_data_keys").countDocuments(Filters.regex("_id", "^" + caseId)))
                .isZero();
    }
}
