package haven.query.caseload;

import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import haven.events.CaseClosed;
import haven.events.CaseId;
import haven.events.Category;
import haven.events.ContactPreference;
import haven.events.ErasureReason;
import haven.events.LegalHoldPlaced;
import haven.events.LocationType;
import haven.events.Motivation;
import haven.events.PersonalDataErased;
import haven.events.ReportSubmitted;
import haven.events.ReportType;
import haven.events.ReporterRole;
import haven.infra.security.Role;
import haven.infra.security.TestTokens;
import haven.query.QueryServiceTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The data protection officer sees, soonest first, which cases the retention policy will erase in the next 90 days. */
@QueryServiceTest(database = "retention-due-tests")
class RetentionDueTest {

    static final String DPO = TestTokens.bearer("dpo.smith", null, Role.ADMIN);
    static final Instant NOW = Instant.now();
    static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Autowired
    MockMvc http;

    @Autowired
    EventStore events;

    @Test
    void closedAndIdleCasesDueWithinNinetyDaysAreListedSoonestFirstAndHeldOrErasedOnesAreNot() throws Exception {
        String closedLongAgo = report("HV-DUE1-AA", sixYearsAgoPlus(10));
        append(closedLongAgo, 1, new CaseClosed(new CaseId(closedLongAgo), "cw.lee"), sixYearsAgoPlus(10));
        report("HV-DUE2-AA", sixYearsAgoPlus(30));
        String idleButHeld = report("HV-DUE3-AA", sixYearsAgoPlus(20));
        append(
                idleButHeld,
                1,
                new LegalHoldPlaced(new CaseId(idleButHeld), "Tribunal", "dpo.smith"),
                sixYearsAgoPlus(20));
        String erased = report("HV-DUE4-AA", sixYearsAgoPlus(5));
        append(erased, 1, new CaseClosed(new CaseId(erased), "cw.lee"), sixYearsAgoPlus(5));
        append(
                erased,
                2,
                new PersonalDataErased(new CaseId(erased), ErasureReason.ERASURE_REQUEST, "dpo.smith"),
                sixYearsAgoPlus(5));
        report("HV-DUE5-AA", NOW.minus(Duration.ofDays(400)));
        report("HV-DUE6-AA", sixYearsAgoPlus(120)); // idle, but due only after the 90 days

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> http.perform(get("/api/admin/retention/due").header("Authorization", DPO))
                                .andExpect(status().isOk())
                                .andExpect(jsonPath("$.withinDays").value(90))
                                .andExpect(jsonPath("$.cases[*].reference")
                                        .value(Matchers.contains("HV-DUE1-AA", "HV-DUE2-AA")))
                                .andExpect(jsonPath("$.cases[0].caseId").value(closedLongAgo))
                                .andExpect(jsonPath("$.cases[0].because").value("closed"))
                                .andExpect(jsonPath("$.cases[1].because").value("no activity"))
                                .andExpect(jsonPath("$.cases[1].on")
                                        .value(NOW.atZone(LONDON)
                                                .plusDays(30)
                                                .toLocalDate()
                                                .toString())));
        http.perform(get("/api/admin/retention/due")
                        .header("Authorization", TestTokens.bearer("mgr.jones", "equality", Role.CASE_MANAGER)))
                .andExpect(status().isForbidden());
    }

    private static Instant sixYearsAgoPlus(int days) {
        return NOW.atZone(LONDON).minus(Period.ofYears(6)).plusDays(days).toInstant();
    }

    private String report(String reference, Instant at) {
        String caseId = UUID.randomUUID().toString();
        append(
                caseId,
                0,
                new ReportSubmitted(
                        new CaseId(caseId),
                        reference,
                        "$2a$10$x",
                        ReportType.HATE_INCIDENT,
                        Category.VERBAL_ABUSE,
                        LocalDate.of(2020, 1, 1),
                        LocationType.ONLINE,
                        "Harlow",
                        Set.of(Motivation.RACE),
                        ReporterRole.VICTIM,
                        true,
                        null,
                        ContactPreference.FOLLOW_UP_ONLY,
                        "What happened",
                        List.of(),
                        false,
                        false,
                        null),
                at);
        return caseId;
    }

    private void append(String caseId, long sequence, Object event, Instant at) {
        events.publish(new GenericDomainEventMessage<>(
                "Case", caseId, sequence, event, Map.of(), UUID.randomUUID().toString(), at));
    }
}
