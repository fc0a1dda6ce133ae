package haven.query.record;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoDatabase;
import haven.events.ActionAgreed;
import haven.events.ActionCompleted;
import haven.events.CaseId;
import haven.events.CaseworkerAssigned;
import haven.events.Category;
import haven.events.ContactPreference;
import haven.events.LocationType;
import haven.events.ReportSubmitted;
import haven.events.ReportType;
import haven.events.ReporterRole;
import haven.infra.security.Role;
import haven.infra.security.TestTokens;
import haven.query.CaseStream;
import haven.query.PageLogin;
import haven.query.QueryServiceTest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Someone asked to do something on a case sees it in their own list, with when it is due, whether or
 * not they work on the case; they see nothing else of a case they do not work on.
 */
@QueryServiceTest(database = "caseload-tests")
class MyActionsTest {

    @Autowired
    MockMvc http;

    @Autowired
    EventStore events;

    @Autowired
    MongoDatabase havenDatabase;

    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;

    @Test
    void theOwnerSeesTheirOpenActionsSoonestDueFirstAndOnlyThose() throws Exception {
        String owner = "hr." + UUID.randomUUID().toString().substring(0, 8);
        String team = "team-" + UUID.randomUUID();
        var theirs = new CaseStream(events);
        var someoneElses = new CaseStream(events);
        for (var c : List.of(theirs, someoneElses)) {
            c.append(submitted(c.caseId()));
        }
        theirs.append(new CaseworkerAssigned(theirs.caseId(), owner, team, "mgr.jones"));
        someoneElses.append(new CaseworkerAssigned(someoneElses.caseId(), "cw.ng", "elsewhere", "mgr.jones"));
        theirs.append(action(theirs.caseId(), "a-1", "Phone the depot", owner, "2099-02-01"));
        someoneElses.append(action(someoneElses.caseId(), "a-2", "Check the rota", owner, "2020-01-10"));
        someoneElses.append(action(someoneElses.caseId(), "a-3", "Done already", owner, "2020-01-05"));
        someoneElses.append(new ActionCompleted(someoneElses.caseId(), "a-3", owner, owner));
        someoneElses.append(action(someoneElses.caseId(), "a-4", "Not theirs", "cw.ng", "2020-01-01"));
        String bearer = TestTokens.bearer(owner, team, Role.CASEWORKER);

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> http.perform(get("/api/actions/mine").header("Authorization", bearer))
                        .andExpect(jsonPath("$.actions[*].actionId").value(contains("a-2", "a-1")))
                        .andExpect(jsonPath("$.actions[0].description").value("Check the rota"))
                        .andExpect(jsonPath("$.actions[0].overdue").value(true))
                        .andExpect(jsonPath("$.actions[0].onTheCase").value(false))
                        .andExpect(jsonPath("$.actions[1].onTheCase").value(true)));

        String page = http.perform(get("/actions").with(PageLogin.as(owner, team, Role.CASEWORKER)))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains("Your actions", "Check the rota", "Phone the depot", "Mark as done")
                .contains("href=\"/cases/" + theirs.caseId().value() + "\"")
                .doesNotContain("href=\"/cases/" + someoneElses.caseId().value() + "\"", "Not theirs", "Done already");
    }

    @Test
    void aDoneActionLeavesItsOwnersListSoTheListHoldsTheirWorkToDoNotEveryActionTheyWereGiven() throws Exception {
        String owner = "hr." + UUID.randomUUID().toString().substring(0, 8);
        var theCase = new CaseStream(events);
        theCase.append(submitted(theCase.caseId()));
        theCase.append(action(theCase.caseId(), "a-1", "Still to do", owner, "2099-02-01"));
        theCase.append(action(theCase.caseId(), "a-2", "Done now", owner, "2099-02-02"));
        theCase.append(action(theCase.caseId(), "a-3", "Done before owners were named", owner, "2099-02-03"));
        theCase.append(new ActionCompleted(theCase.caseId(), "a-2", owner, owner));
        theCase.append(new ActionCompleted(theCase.caseId(), "a-3", owner, null)); // as revision 1 stored it
        String bearer = TestTokens.bearer(owner, "hr", Role.CASEWORKER);

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(havenDatabase
                                .getCollection(CaseRecordProjection.BY_OWNER)
                                .find(eq("_id", owner))
                                .first()
                                .getList("actions", String.class))
                        .containsExactlyInAnyOrder(
                                CaseRecordProjection.ownedAction(theCase.caseId(), "a-1"),
                                CaseRecordProjection.ownedAction(theCase.caseId(), "a-3")));
        http.perform(get("/api/actions/mine").header("Authorization", bearer))
                .andExpect(jsonPath("$.actions[*].actionId").value(contains("a-1")));
    }

    @Test
    void aCompletionStoredBeforeItNamedTheOwnerStillReadsWithNoOwner() throws Exception {
        var completed = new ActionCompleted(new CaseId(UUID.randomUUID().toString()), "a-1", "mgr.jones", null);
        SerializedObject<String> now = eventSerializer.serialize(completed, String.class);
        var json = new ObjectMapper();
        var revisionOne = (ObjectNode) json.readTree(now.getData());
        revisionOne.remove("owner");

        ActionCompleted read = eventSerializer.deserialize(new SimpleSerializedObject<>(
                json.writeValueAsString(revisionOne),
                String.class,
                now.getType().getName(),
                "1"));

        assertThat(read).isEqualTo(completed);
    }

    private static ActionAgreed action(CaseId caseId, String id, String what, String owner, String due) {
        return new ActionAgreed(caseId, id, what, owner, LocalDate.parse(due), "mgr.jones");
    }

    private static ReportSubmitted submitted(CaseId caseId) {
        return new ReportSubmitted(
                caseId,
                "HV-MYAC-" + caseId.value().substring(0, 2).toUpperCase(),
                "$2a$10$x",
                ReportType.DIGNITY_AT_WORK,
                Category.BULLYING,
                LocalDate.parse("2026-09-30"),
                LocationType.WORKPLACE,
                "Depot",
                Set.of(),
                ReporterRole.VICTIM,
                true,
                null,
                ContactPreference.FOLLOW_UP_ONLY,
                "Shouted at in the depot",
                List.of(),
                false,
                false,
                null);
    }
}
