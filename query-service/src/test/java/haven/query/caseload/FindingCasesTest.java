package haven.query.caseload;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import haven.events.CaseClosed;
import haven.events.CaseReopened;
import haven.events.CaseResolved;
import haven.events.CaseTriaged;
import haven.events.CaseworkerAssigned;
import haven.events.Category;
import haven.events.MessageFromReporterReceived;
import haven.events.Outcome;
import haven.events.ReporterMessagesRead;
import haven.events.RiskLevel;
import haven.events.Route;
import haven.infra.security.Role;
import haven.infra.security.TestTokens;
import haven.query.CaseStream;
import haven.query.QueryServiceTest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Staff find any case they work on by its reference, list the cases closed in a month, and see
 * which cases the reporter has written to; a case they may not see is never found, in the same
 * answer as one that does not exist.
 */
@QueryServiceTest(database = "caseload-tests")
class FindingCasesTest {

    @Autowired
    MockMvc http;

    @Autowired
    EventStore events;

    final String team = "team-" + UUID.randomUUID();
    final String manager = TestTokens.bearer("mgr." + team, team, Role.CASE_MANAGER);
    final String otherTeamsManager = TestTokens.bearer("mgr.elsewhere", "elsewhere", Role.CASE_MANAGER);

    @Test
    void aCaseIsFoundByItsReferenceByThoseWhoWorkOnItAndByNobodyElse() throws Exception {
        var found = new CaseStream(events);
        String reference = newReference();
        found.append(CaseloadTest.submitted(found.caseId(), reference));
        found.append(new CaseworkerAssigned(found.caseId(), "cw.ng", team, "mgr.jones"));

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> search(reference, manager)
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$.cases[*].caseId")
                                .value(contains(found.caseId().value()))));
        search("  " + reference.toLowerCase() + " ", manager)
                .andExpect(jsonPath("$.cases[*].caseId")
                        .value(contains(found.caseId().value())));
        search(reference, otherTeamsManager)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.cases").value(empty()));
        search(newReference(), manager)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.cases").value(empty()));
        search("HV-'); DROP", manager)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("reference"));
    }

    @Test
    void closedCasesAreListedByTheMonthTheyClosedAndLeaveTheListWhenReopened() throws Exception {
        var closed = new CaseStream(events);
        var elsewhere = new CaseStream(events);
        for (var c : List.of(closed, elsewhere)) {
            c.append(CaseloadTest.submitted(c.caseId(), newReference()));
            c.append(triaged(c));
            c.append(new CaseworkerAssigned(c.caseId(), "cw.ng", c == closed ? team : "elsewhere", "mgr.jones"));
            resolvedAndClosed(c, Outcome.UPHELD, "2026-11-16T10:00:00Z");
        }

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> closedIn("2026-11", manager)
                        .andExpect(jsonPath("$.cases[*].caseId")
                                .value(contains(closed.caseId().value())))
                        .andExpect(jsonPath("$.cases[0].outcome").value("UPHELD")));
        closedIn("2026-10", manager).andExpect(jsonPath("$.cases").value(empty()));
        http.perform(get("/api/closed-cases")
                        .header("Authorization", manager)
                        .param("month", "2026-11")
                        .param("outcome", "NOT_UPHELD"))
                .andExpect(jsonPath("$.cases").value(empty()));
        http.perform(get("/api/closed-cases")
                        .header("Authorization", manager)
                        .param("month", "2026-11")
                        .param("type", "DIGNITY_AT_WORK"))
                .andExpect(jsonPath("$.cases").value(empty()));
        http.perform(get("/api/closed-cases").header("Authorization", manager).param("month", "last month"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("month"));

        closed.append(new CaseReopened(closed.caseId(), "New evidence", "mgr.jones"));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> closedIn("2026-11", manager)
                        .andExpect(jsonPath("$.cases").value(empty())));

        // resolved and closed again the next month, likely in one batch with a second reopening and closure
        resolvedAndClosed(closed, Outcome.NOT_UPHELD, "2026-12-01T10:00:00Z");
        closed.append(new CaseReopened(closed.caseId(), "Further evidence", "mgr.jones"));
        resolvedAndClosed(closed, Outcome.NOT_UPHELD, "2026-12-03T10:00:00Z");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> closedIn("2026-12", manager)
                        .andExpect(jsonPath("$.cases[*].caseId")
                                .value(contains(closed.caseId().value())))
                        .andExpect(jsonPath("$.cases[0].outcome").value("NOT_UPHELD")));
        closedIn("2026-11", manager).andExpect(jsonPath("$.cases").value(empty()));
    }

    @Test
    void aClosedCaseTheReporterWritesToReturnsToItsTeamsQueueUntilItIsRead() throws Exception {
        var written = new CaseStream(events);
        written.append(CaseloadTest.submitted(written.caseId(), newReference()));
        written.append(triaged(written));
        written.append(new CaseworkerAssigned(written.caseId(), "cw.ng", team, "mgr.jones"));
        written.append(new CaseResolved(
                written.caseId(), Outcome.UPHELD, "Summary", Instant.parse("2026-12-20T00:00:00Z"), "cw.ng"));
        written.append(new CaseClosed(written.caseId(), "cw.ng"));
        written.append(new MessageFromReporterReceived(written.caseId(), "m-1", "It has started again"));

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> http.perform(get("/api/caseload")
                                .header("Authorization", manager)
                                .param("unread", "true"))
                        .andExpect(jsonPath("$.cases[*].caseId")
                                .value(contains(written.caseId().value())))
                        .andExpect(jsonPath("$.cases[0].status").value("CLOSED"))
                        .andExpect(jsonPath("$.cases[0].unreadMessage").value(true)));

        written.append(new ReporterMessagesRead(written.caseId(), "mgr.jones"));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> http.perform(get("/api/caseload").header("Authorization", manager))
                        .andExpect(jsonPath("$.cases").value(empty())));
    }

    /** Resolved with this outcome (its appeal window long past the closure) and closed at {@code closedAt}. */
    private static void resolvedAndClosed(CaseStream c, Outcome outcome, String closedAt) {
        Instant closing = Instant.parse(closedAt);
        c.append(new CaseResolved(c.caseId(), outcome, "Summary", closing.plus(Duration.ofDays(34)), "cw.ng"));
        c.append(new CaseClosed(c.caseId(), "cw.ng"), closing);
    }

    private ResultActions search(String reference, String bearer) throws Exception {
        return http.perform(get("/api/cases").header("Authorization", bearer).param("reference", reference));
    }

    private ResultActions closedIn(String month, String bearer) throws Exception {
        return http.perform(
                get("/api/closed-cases").header("Authorization", bearer).param("month", month));
    }

    private static String newReference() {
        String alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
        var random = new SecureRandom();
        var reference = new StringBuilder("HV-");
        for (int i = 0; i < 6; i++) {
            if (i == 4) {
                reference.append('-');
            }
            reference.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return reference.toString();
    }

    private static CaseTriaged triaged(CaseStream c) {
        return new CaseTriaged(
                c.caseId(),
                Category.THREATS,
                Set.of(),
                Set.of(),
                RiskLevel.LOW,
                Route.INFORMAL_RESOLUTION,
                null,
                null,
                "cw.ng",
                null);
    }
}
