package haven.query.caseload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import haven.events.CaseId;
import haven.events.CaseworkerAssigned;
import haven.events.ReportSubmitted;
import haven.events.StaffMemberNamed;
import haven.infra.privacy.StaffPseudonyms;
import haven.infra.security.Role;
import haven.infra.security.TestTokens;
import haven.query.QueryServiceTest;
import haven.query.Reports;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A caseload rebuild never shows a case to anyone who could not see it before and after. Each case
 * is reported to the equality team naming a manager of the HR team, then assigned to the HR team.
 * The rebuild is held where the old one went wrong (every case replayed as reported, none yet
 * reassigned: its intake team could read it) while both managers ask for every case.
 */
@QueryServiceTest(database = "rebuild-tests")
class RebuildAccessTest {

    static final int CASES = 2_000;
    static final String ADMIN = TestTokens.bearer("dpo.smith", null, Role.ADMIN);
    static final String NAMED_MANAGER = TestTokens.bearer("mgr.named", "hr", Role.CASE_MANAGER);
    static final String INTAKE_MANAGER = TestTokens.bearer("mgr.intake", "equality", Role.CASE_MANAGER);
    static final String HR_MANAGER = TestTokens.bearer("mgr.hr", "hr", Role.CASE_MANAGER);

    @Autowired
    MockMvc http;

    @Autowired
    EventStore events;

    @Autowired
    StaffPseudonyms pseudonyms;

    @Autowired
    HeldReplay held;

    @TestConfiguration
    static class Hold {
        @Bean
        HeldReplay heldReplay() {
            return new HeldReplay();
        }
    }

    /** Holds a replay at its first reassignment, in the caseload's own batch, until released. */
    @ProcessingGroup(CaseViews.PROCESSOR)
    static class HeldReplay {
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch released = new CountDownLatch(1);

        @EventHandler
        void on(CaseworkerAssigned e, ReplayStatus replay) throws InterruptedException {
            if (replay.isReplay()) {
                reached.countDown();
                released.await(5, TimeUnit.MINUTES);
            }
        }
    }

    @Test
    void duringARebuildEveryCaseStaysHiddenFromWhoCouldNotSeeIt() throws Exception {
        List<CaseId> cases = report();
        await().atMost(Duration.ofMinutes(2))
                .untilAsserted(() -> http.perform(get("/api/caseload").header("Authorization", HR_MANAGER))
                        .andExpect(jsonPath("$.total").value(CASES)));
        String before = caseloadOf(HR_MANAGER);
        assertThat(hiddenReads(cases)).isEqualTo(2 * CASES);

        http.perform(post("/api/admin/processors/caseload/replay").header("Authorization", ADMIN))
                .andExpect(status().isAccepted());
        assertThat(held.reached.await(2, TimeUnit.MINUTES))
                .as("the rebuild reached the reassignments")
                .isTrue();

        int readsDuringRebuild = hiddenReads(cases);
        http.perform(get("/api/caseload").header("Authorization", HR_MANAGER))
                .andExpect(jsonPath("$.rebuilding").value(true));
        String during = caseloadOf(HR_MANAGER);
        http.perform(get("/api/caseload").header("Authorization", INTAKE_MANAGER))
                .andExpect(jsonPath("$.total").value(0));
        held.released.countDown();

        assertThat(readsDuringRebuild).isEqualTo(2 * CASES);
        assertThat(during).isEqualTo(before);
        await().atMost(Duration.ofMinutes(2))
                .untilAsserted(() -> http.perform(get("/api/caseload").header("Authorization", HR_MANAGER))
                        .andExpect(jsonPath("$.rebuilding").value(false)));
        assertThat(caseloadOf(HR_MANAGER)).isEqualTo(before);
        assertThat(hiddenReads(cases)).isEqualTo(2 * CASES);
        System.out.printf(
                "Rebuild of %d cases: %d reads during it by the named and the intake manager, all 404%n",
                CASES, readsDuringRebuild);
    }

    /** Reports and names first, reassigns after: a replay in place had every case in its intake team for a while. */
    private List<CaseId> report() {
        var cases = new ArrayList<CaseId>();
        var reported = new ArrayList<EventMessage<?>>();
        var assigned = new ArrayList<EventMessage<?>>();
        for (int i = 0; i < CASES; i++) {
            var caseId = new CaseId(UUID.randomUUID().toString());
            cases.add(caseId);
            reported.add(event(caseId, 0, submitted(caseId, i)));
            reported.add(event(caseId, 1, new StaffMemberNamed(caseId, pseudonyms.of("mgr.named"), "reporter")));
            assigned.add(event(caseId, 2, new CaseworkerAssigned(caseId, "cw.hr", "hr", "mgr.hr")));
        }
        for (var events : List.of(reported, assigned)) {
            for (int from = 0; from < events.size(); from += 500) {
                this.events.publish(events.subList(from, Math.min(events.size(), from + 500)));
            }
        }
        return cases;
    }

    /** Reads every case as the named manager and the intake team's manager; counts the 404s. */
    private int hiddenReads(List<CaseId> cases) throws Exception {
        int hidden = 0;
        for (CaseId caseId : cases) {
            for (String reader : List.of(NAMED_MANAGER, INTAKE_MANAGER)) {
                int answer = http.perform(get("/api/cases/" + caseId.value()).header("Authorization", reader))
                        .andReturn()
                        .getResponse()
                        .getStatus();
                assertThat(answer).as("a read of %s", caseId.value()).isEqualTo(404);
                hidden++;
            }
        }
        return hidden;
    }

    private String caseloadOf(String manager) throws Exception {
        var pages = new StringBuilder();
        for (int page = 0; page * 200 < CASES; page++) {
            pages.append(http.perform(get("/api/caseload")
                            .header("Authorization", manager)
                            .param("size", "200")
                            .param("sort", "AGE")
                            .param("page", String.valueOf(page)))
                    .andReturn()
                    .getResponse()
                    .getContentAsString()
                    .replace("\"rebuilding\":true", "\"rebuilding\":false"));
        }
        return pages.toString();
    }

    private static EventMessage<?> event(CaseId caseId, long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Case", caseId.value(), sequence, payload, Map.of());
    }

    private static ReportSubmitted submitted(CaseId caseId, int number) {
        return Reports.bullyingAtWork(caseId, "HV-RB-" + number);
    }
}
