package haven.query.caseload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.mongodb.client.MongoDatabase;
import haven.events.CaseClosed;
import haven.events.CaseEscalated;
import haven.events.CaseId;
import haven.events.CaseReassigned;
import haven.events.CaseResolved;
import haven.events.CaseTriaged;
import haven.events.CaseworkerAssigned;
import haven.events.Category;
import haven.events.ConflictOfInterestDeclared;
import haven.events.ContactPreference;
import haven.events.DeadlineBasis;
import haven.events.DeadlinesSet;
import haven.events.EscalationReason;
import haven.events.ExclusionLifted;
import haven.events.LocationType;
import haven.events.MessageToReporterSent;
import haven.events.MonitoredStrand;
import haven.events.Motivation;
import haven.events.Outcome;
import haven.events.ProtectedCharacteristic;
import haven.events.ReportRoutedToTeam;
import haven.events.ReportSubmitted;
import haven.events.ReportType;
import haven.events.ReporterRole;
import haven.events.RiskLevel;
import haven.events.Route;
import haven.events.StaffMemberNamed;
import haven.infra.privacy.StaffPseudonyms;
import haven.infra.security.Role;
import haven.infra.security.TestTokens;
import haven.query.CaseStream;
import haven.query.Handled;
import haven.query.QueryServiceTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

@QueryServiceTest(database = "caseload-tests")
class CaseloadTest {

    static final String MANAGER = TestTokens.bearer("mgr.jones", "equality", Role.CASE_MANAGER);

    @Autowired
    MockMvc http;

    @Autowired
    EventStore events;

    @Autowired
    CaseloadProjection projection;

    @Autowired
    MongoDatabase database;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    StaffPseudonyms pseudonyms;

    @Test
    void aCaseAppearsInTheCaseloadAndFollowsItsLifecycle() throws Exception {
        var caseId = newCaseId();
        var history = new CaseStream(events, caseId);
        history.append(submitted(caseId));
        awaitStatus(caseId, "SUBMITTED");

        history.append(new CaseTriaged(
                caseId,
                Category.THREATS,
                Set.of(ProtectedCharacteristic.DISABILITY),
                Set.of(MonitoredStrand.DISABILITY),
                RiskLevel.HIGH,
                Route.REFERRAL_TO_POLICE,
                LocalDate.parse("2026-10-02"),
                LocalDate.parse("2026-10-21"),
                "cw.lee",
                null));
        history.append(new CaseworkerAssigned(caseId, "cw.lee", "equality", "mgr.jones"));
        awaitStatus(caseId, "TRIAGED");

        http.perform(get("/api/cases/" + caseId).header("Authorization", MANAGER))
                .andExpect(jsonPath("$.category").value("THREATS"))
                .andExpect(jsonPath("$.risk").value("HIGH"))
                .andExpect(jsonPath("$.assignee").value("cw.lee"))
                .andExpect(jsonPath("$.resolutionDue").value("2026-10-21"))
                .andExpect(jsonPath("$.narrative").doesNotExist());
        http.perform(get("/api/caseload")
                        .header("Authorization", MANAGER)
                        .param("assignee", "cw.lee")
                        .param("status", "TRIAGED"))
                .andExpect(jsonPath("$.cases[*].caseId").value(org.hamcrest.Matchers.hasItem(caseId.value())));

        history.append(new CaseResolved(
                caseId,
                Outcome.REFERRED_TO_POLICE,
                "Passed to Essex Police",
                Instant.parse("2026-12-01T00:00:00Z"),
                "cw.lee"));
        history.append(new CaseClosed(caseId, "cw.lee"));
        awaitStatus(caseId, "CLOSED");
        http.perform(get("/api/cases/" + caseId).header("Authorization", MANAGER))
                .andExpect(jsonPath("$.outcome").value("REFERRED_TO_POLICE"));
        http.perform(get("/api/caseload").header("Authorization", MANAGER).param("assignee", "cw.lee"))
                .andExpect(jsonPath("$.cases[*].caseId")
                        .value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(caseId.value()))));
        http.perform(get("/api/caseload").header("Authorization", MANAGER).param("status", "CLOSED"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("status"));
    }

    @Test
    void aCaseloadIsFilteredSortedAndPagedWithDueDatesAndOverdueFlags() throws Exception {
        String team = "team-" + UUID.randomUUID();
        Instant tenDaysAgo = Instant.now().minus(Duration.ofDays(10));
        var overdue = new CaseStream(events);
        overdue.append(submitted(overdue.caseId()), tenDaysAgo);
        var later = new CaseStream(events);
        var untriaged = new CaseStream(events);
        var contacted = new CaseStream(events);
        later.append(submitted(later.caseId()));
        untriaged.append(new ReportSubmitted(
                untriaged.caseId(),
                "HV-UNTR-IA",
                "$2a$10$x",
                ReportType.DIGNITY_AT_WORK,
                Category.BULLYING,
                LocalDate.parse("2026-09-30"),
                LocationType.WORKPLACE,
                "Finance",
                Set.of(),
                ReporterRole.VICTIM,
                true,
                null,
                ContactPreference.FOLLOW_UP_ONLY,
                "n",
                List.of(),
                false,
                false,
                null));
        contacted.append(submitted(contacted.caseId()));
        overdue.append(triaged(overdue.caseId(), RiskLevel.HIGH, "2020-01-01", "2020-02-01"));
        later.append(triaged(later.caseId(), RiskLevel.LOW, "2099-01-01", "2099-02-01"));
        contacted.append(triaged(contacted.caseId(), RiskLevel.MEDIUM, "2098-01-01", "2098-06-01"));
        contacted.append(new MessageToReporterSent(contacted.caseId(), "m-1", "We have your report", "cw.ng"));
        for (var c : List.of(overdue, later, untriaged, contacted)) {
            c.append(new CaseworkerAssigned(c.caseId(), "cw.ng", team, "mgr.jones"));
        }
        var byDue = List.of(overdue, contacted, later, untriaged).stream()
                .map(c -> c.caseId().value())
                .toList();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> http.perform(get("/api/caseload")
                                .header("Authorization", managerOf(team))
                                .param("team", team))
                        .andExpect(jsonPath("$.total").value(4))
                        .andExpect(
                                jsonPath("$.cases[*].caseId").value(org.hamcrest.Matchers.contains(byDue.toArray()))));

        http.perform(get("/api/caseload")
                        .header("Authorization", managerOf(team))
                        .param("team", team))
                .andExpect(jsonPath("$.rebuilding").value(false))
                .andExpect(jsonPath("$.cases[0].nextDue").value("2020-01-01"))
                .andExpect(jsonPath("$.cases[0].overdue").value(true))
                .andExpect(jsonPath("$.cases[0].daysOpen").value(10))
                .andExpect(jsonPath("$.cases[1].nextDue").value("2098-06-01"))
                .andExpect(jsonPath("$.cases[1].overdue").value(false))
                .andExpect(jsonPath("$.cases[3].nextDue").doesNotExist());
        http.perform(get("/api/caseload")
                        .header("Authorization", managerOf(team))
                        .param("team", team)
                        .param("sort", "RISK"))
                .andExpect(jsonPath("$.cases[*].risk")
                        .value(org.hamcrest.Matchers.contains(null, "HIGH", "MEDIUM", "LOW")));
        http.perform(get("/api/caseload")
                        .header("Authorization", managerOf(team))
                        .param("team", team)
                        .param("sort", "AGE"))
                .andExpect(jsonPath("$.cases[0].caseId").value(overdue.caseId().value()));
        http.perform(get("/api/caseload")
                        .header("Authorization", managerOf(team))
                        .param("team", team)
                        .param("overdue", "true"))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.cases[0].caseId").value(overdue.caseId().value()));
        http.perform(get("/api/caseload")
                        .header("Authorization", managerOf(team))
                        .param("team", team)
                        .param("risk", "LOW"))
                .andExpect(jsonPath("$.cases[*].caseId")
                        .value(org.hamcrest.Matchers.contains(later.caseId().value())));
        http.perform(get("/api/caseload")
                        .header("Authorization", managerOf(team))
                        .param("team", team)
                        .param("type", "DIGNITY_AT_WORK")
                        .param("assignee", "cw.ng"))
                .andExpect(jsonPath("$.cases[*].caseId")
                        .value(org.hamcrest.Matchers.contains(untriaged.caseId().value())));
        http.perform(get("/api/caseload")
                        .header("Authorization", managerOf(team))
                        .param("team", team)
                        .param("size", "2")
                        .param("page", "1"))
                .andExpect(jsonPath("$.total").value(4))
                .andExpect(jsonPath("$.cases[*].caseId")
                        .value(org.hamcrest.Matchers.contains(
                                byDue.subList(2, 4).toArray())));
        http.perform(get("/api/caseload").header("Authorization", MANAGER).param("size", "500"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("size"));
        http.perform(get("/api/caseload").header("Authorization", MANAGER).param("sort", "NAME"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("sort"));
    }

    /**
     * A new report is due for triage from the day it arrives; a case escalated for a missed deadline
     * comes first, whatever else is due, until what was missed is done.
     */
    @Test
    void untriagedReportsAreDueForTriageAndEscalatedCasesComeFirst() throws Exception {
        String team = "team-" + UUID.randomUUID();
        var fresh = new CaseStream(events);
        var quiet = new CaseStream(events);
        fresh.append(submitted(fresh.caseId()));
        fresh.append(
                new DeadlinesSet(fresh.caseId(), LocalDate.parse("2097-01-02"), null, null, DeadlineBasis.RECEIPT));
        quiet.append(submitted(quiet.caseId()));
        quiet.append(triaged(quiet.caseId(), RiskLevel.LOW, "2098-01-01", "2098-02-01"));
        quiet.append(new DeadlinesSet(
                quiet.caseId(),
                null,
                LocalDate.parse("2099-01-05"),
                LocalDate.parse("2099-03-01"),
                DeadlineBasis.REOPENING));
        for (var c : List.of(fresh, quiet)) {
            c.append(new CaseworkerAssigned(c.caseId(), "cw.ng", team, "mgr.jones"));
        }
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> http.perform(get("/api/caseload")
                                .header("Authorization", managerOf(team))
                                .param("team", team))
                        .andExpect(jsonPath("$.cases[0].caseId")
                                .value(fresh.caseId().value()))
                        .andExpect(jsonPath("$.cases[0].triageDue").value("2097-01-02"))
                        .andExpect(jsonPath("$.cases[0].nextDue").value("2097-01-02"))
                        .andExpect(jsonPath("$.cases[1].nextDue").value("2099-01-05"))
                        .andExpect(jsonPath("$.cases[1].resolutionDue").value("2099-03-01")));

        quiet.append(new CaseEscalated(
                quiet.caseId(), EscalationReason.NO_ACTIVITY, LocalDate.parse("2026-11-30"), null, team, List.of()));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> http.perform(get("/api/caseload")
                                .header("Authorization", managerOf(team))
                                .param("team", team))
                        .andExpect(jsonPath("$.cases[0].caseId")
                                .value(quiet.caseId().value()))
                        .andExpect(jsonPath("$.cases[0].escalated").value(true))
                        .andExpect(jsonPath("$.cases[0].escalations[0]").value("NO_ACTIVITY"))
                        .andExpect(jsonPath("$.cases[1].escalated").value(false)));

        // someone takes it on: the escalation is dealt with
        quiet.append(new CaseReassigned(quiet.caseId(), "cw.ng", "cw.lee", team, "Cover", "mgr.jones"));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> http.perform(get("/api/caseload")
                                .header("Authorization", managerOf(team))
                                .param("team", team))
                        .andExpect(jsonPath("$.cases[0].caseId")
                                .value(fresh.caseId().value()))
                        .andExpect(jsonPath("$.cases[1].escalated").value(false)));
    }

    private static CaseTriaged triaged(CaseId caseId, RiskLevel risk, String firstContactDue, String resolutionDue) {
        return new CaseTriaged(
                caseId,
                Category.THREATS,
                Set.of(),
                Set.of(),
                risk,
                Route.INFORMAL_RESOLUTION,
                LocalDate.parse(firstContactDue),
                LocalDate.parse(resolutionDue),
                "cw.ng",
                null);
    }

    @Test
    void aNewReportIsSeenOnlyByItsIntakeTeamsManagersUntilItIsAssigned() throws Exception {
        String intake = "intake-" + UUID.randomUUID();
        var routed = new CaseStream(events);
        routed.append(submitted(routed.caseId()));
        routed.append(new ReportRoutedToTeam(routed.caseId(), intake, "council"));
        String path = "/api/cases/" + routed.caseId();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> http.perform(get(path).header("Authorization", managerOf(intake)))
                        .andExpect(status().isOk()));

        http.perform(get(path).header("Authorization", MANAGER)).andExpect(status().isNotFound());
        http.perform(get(path).header("Authorization", TestTokens.bearer("mgr.nobody", null, Role.CASE_MANAGER)))
                .andExpect(status().isNotFound());
        http.perform(get("/api/caseload")
                        .header("Authorization", TestTokens.bearer("mgr.nobody", null, Role.CASE_MANAGER)))
                .andExpect(jsonPath("$.total").value(0));
        http.perform(get("/api/caseload").header("Authorization", managerOf(intake)))
                .andExpect(jsonPath("$.cases[*].caseId")
                        .value(org.hamcrest.Matchers.hasItem(routed.caseId().value())));

        routed.append(new CaseworkerAssigned(routed.caseId(), "cw.lee", "equality", "mgr.okoro"));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() ->
                        http.perform(get(path).header("Authorization", MANAGER)).andExpect(status().isOk()));
        http.perform(get(path).header("Authorization", managerOf(intake))).andExpect(status().isNotFound());
    }

    @Test
    void aManagerLetBackOnByTheDataProtectionOfficerSeesTheCaseAgain() throws Exception {
        var history = new CaseStream(events);
        history.append(submitted(history.caseId()));
        history.append(new StaffMemberNamed(history.caseId(), pseudonyms.of("mgr.jones"), "mgr.ahmed"));
        String path = "/api/cases/" + history.caseId();
        String colleague = TestTokens.bearer("mgr.ahmed", "equality", Role.CASE_MANAGER);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> http.perform(get(path).header("Authorization", colleague))
                        .andExpect(status().isOk()));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() ->
                        http.perform(get(path).header("Authorization", MANAGER)).andExpect(status().isNotFound()));

        history.append(new ExclusionLifted(
                history.caseId(), pseudonyms.of("mgr.jones"), "Named to keep them away", "dpo.smith"));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() ->
                        http.perform(get(path).header("Authorization", MANAGER)).andExpect(status().isOk()));
    }

    @Test
    void aCaseReportedBeforeRoutingIsInTheTeamItsTypeGoesToNow() throws Exception {
        var legacy = new CaseStream(events);
        legacy.append(submitted(legacy.caseId())); // HATE_INCIDENT, which the test setting sends to equality
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> http.perform(get("/api/cases/" + legacy.caseId()).header("Authorization", MANAGER))
                                .andExpect(status().isOk()));
        http.perform(get("/api/cases/" + legacy.caseId()).header("Authorization", managerOf("hr")))
                .andExpect(status().isNotFound());
    }

    @Test
    void aConflictedAssigneeLeavesTheCaseUnassigned() throws Exception {
        var caseId = newCaseId();
        var history = new CaseStream(events, caseId);
        history.append(submitted(caseId));
        history.append(new CaseworkerAssigned(caseId, "cw.ahmed", "equality", "mgr.jones"));
        history.append(new ConflictOfInterestDeclared(caseId, "cw.ahmed", "Knows a party", "cw.ahmed"));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> http.perform(get("/api/cases/" + caseId).header("Authorization", MANAGER))
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$.assignee").doesNotExist()));
    }

    @Test
    void staffSeeOnlyTheCasesTheyWorkOnAndNothingOfTheOthers() throws Exception {
        String team = "team-" + UUID.randomUUID();
        var assigned = new CaseStream(events);
        assigned.append(submitted(assigned.caseId()));
        assigned.append(new CaseworkerAssigned(assigned.caseId(), "cw.lee", team, "mgr.jones"));
        var recused = new CaseStream(events);
        recused.append(submitted(recused.caseId()));
        recused.append(new CaseworkerAssigned(recused.caseId(), "cw.lee", team, "mgr.jones"));
        recused.append(new ConflictOfInterestDeclared(recused.caseId(), "cw.lee", "Friend of a party", "cw.lee"));
        recused.append(new CaseworkerAssigned(recused.caseId(), "cw.ng", team, "mgr.jones"));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> http.perform(
                                get("/api/cases/" + recused.caseId()).header("Authorization", managerOf(team)))
                        .andExpect(jsonPath("$.assignee").value("cw.ng")));

        String lee = TestTokens.bearer("cw.lee", team, Role.CASEWORKER);
        http.perform(get("/api/caseload").header("Authorization", lee))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.cases[0].caseId").value(assigned.caseId().value()));
        http.perform(get("/api/cases/" + recused.caseId()).header("Authorization", lee))
                .andExpect(status().isNotFound());
        http.perform(get("/api/cases/" + recused.caseId() + "/timeline").header("Authorization", lee))
                .andExpect(status().isNotFound());

        String otherManager = TestTokens.bearer("mgr.khan", "other-" + team, Role.CASE_MANAGER);
        http.perform(get("/api/caseload").header("Authorization", otherManager).param("team", team))
                .andExpect(jsonPath("$.total").value(0));
        http.perform(get("/api/cases/" + assigned.caseId()).header("Authorization", otherManager))
                .andExpect(status().isNotFound());
        http.perform(get("/api/caseload")
                        .header("Authorization", managerOf(team))
                        .param("team", team))
                .andExpect(jsonPath("$.total").value(2));
    }

    @Test
    void anEventDeliveredTwiceChangesNothing() {
        var caseId = newCaseId();
        var submitted = submitted(caseId);
        Instant at = Instant.parse("2026-10-01T09:00:00Z");
        Handled.by(() -> projection.on(submitted, at));
        Document once = database.getCollection("caseload")
                .find(new Document("_id", caseId.value()))
                .first();
        Handled.by(() -> projection.on(submitted, at));
        Document twice = database.getCollection("caseload")
                .find(new Document("_id", caseId.value()))
                .first();
        assertThat(twice).isEqualTo(once);
    }

    @Test
    void replayingEveryEventRebuildsTheSameCaseload() throws Exception {
        var caseId = newCaseId();
        var history = new CaseStream(events, caseId);
        history.append(submitted(caseId));
        history.append(new CaseworkerAssigned(caseId, "cw.replay", "equality", "mgr.jones"));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> http.perform(get("/api/cases/" + caseId).header("Authorization", MANAGER))
                        .andExpect(jsonPath("$.assignee").value("cw.replay")));
        List<Document> before = database.getCollection("caseload").find().into(new java.util.ArrayList<>());
        List<Document> filesBefore = database.getCollection("case_files").find().into(new java.util.ArrayList<>());

        var processor = processing
                .eventProcessor("caseload", StreamingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(
                                database.getCollection("caseload").find().into(new java.util.ArrayList<>()))
                        .containsExactlyInAnyOrderElementsOf(before));
        assertThat(database.getCollection("case_files").find().into(new java.util.ArrayList<>()))
                .containsExactlyInAnyOrderElementsOf(filesBefore);
    }

    @Test
    void anUnknownCaseIsNotFound() throws Exception {
        http.perform(get("/api/cases/" + UUID.randomUUID()).header("Authorization", MANAGER))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.status").value(404));
    }

    @Test
    void aBadFilterIsNamed() throws Exception {
        http.perform(get("/api/caseload").header("Authorization", MANAGER).param("status", "LOST"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("status"));
    }

    private void awaitStatus(CaseId caseId, String expected) {
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> http.perform(get("/api/cases/" + caseId).header("Authorization", MANAGER))
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$.status").value(expected)));
    }

    private static String managerOf(String team) {
        return TestTokens.bearer("mgr." + team, team, Role.CASE_MANAGER);
    }

    private static CaseId newCaseId() {
        return new CaseId(UUID.randomUUID().toString());
    }

    private static ReportSubmitted submitted(CaseId caseId) {
        return submitted(caseId, "HV-TEST-" + caseId.value().substring(0, 2).toUpperCase());
    }

    /** An anonymous hate incident reported by a witness. */
    static ReportSubmitted submitted(CaseId caseId, String reference) {
        return new ReportSubmitted(
                caseId,
                reference,
                "$2a$10$x",
                ReportType.HATE_INCIDENT,
                Category.THREATS,
                LocalDate.parse("2026-09-30"),
                LocationType.STREET_OR_PUBLIC_SPACE,
                "Basildon",
                Set.of(Motivation.DISABILITY),
                ReporterRole.WITNESS,
                true,
                null,
                ContactPreference.FOLLOW_UP_ONLY,
                "Someone threatened a wheelchair user",
                List.of(),
                true,
                false,
                null);
    }
}
