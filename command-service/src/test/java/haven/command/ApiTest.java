package haven.command;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import haven.infra.embedded.EmbeddedStore;
import haven.infra.eventstore.HavenEventStorageEngine;
import haven.infra.security.Role;
import haven.infra.security.TestTokens;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** The command-service over HTTP against the in-process Mongo-wire store. */
@SpringBootTest
@AutoConfigureMockMvc
public abstract class ApiTest {

    public static final String ANONYMOUS_REPORT = """
            { "type": "HATE_INCIDENT", "category": "VERBAL_ABUSE", "occurredOn": "2026-10-01",
              "locationType": "PUBLIC_TRANSPORT", "area": "CASTLE", "motivations": ["RACE", "RELIGION_OR_BELIEF"],
              "reporterRole": "VICTIM", "anonymous": true, "reporter": null,
              "narrative": "What happened, in the reporter's words", "namedParties": [],
              "policeInformed": false, "consentToShare": false }
            """;

    @Autowired
    protected MockMvc http;

    @Autowired
    protected ObjectMapper json;

    @Autowired
    protected MongoDatabase database;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("spring.data.mongodb.uri", () -> EmbeddedStore.shared().uri("command-tests"));
    }

    /** The case manager of the equality team, who can work on any of its cases and on unassigned ones. */
    public static final String MANAGER = TestTokens.bearer("mgr.jones", "equality", Role.CASE_MANAGER);

    protected ResultActions postJson(String path, String body) throws Exception {
        return postJson(path, body, MANAGER);
    }

    protected ResultActions postJson(String path, String body, String bearer) throws Exception {
        return http.perform(post(path)
                .contentType(MediaType.APPLICATION_JSON)
                .header("Authorization", bearer)
                .content(body));
    }

    protected JsonNode submitAnonymousReport() throws Exception {
        String body = http.perform(post("/api/reports")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(ANONYMOUS_REPORT))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return json.readTree(body);
    }

    protected String caseIdOfNewReport() throws Exception {
        return submitAnonymousReport().get("caseId").asText();
    }

    /** The stored event types of a case, in sequence order. */
    protected List<String> eventsOf(String caseId) {
        return storedEventsOf(database, caseId).stream()
                .map(d -> d.getString("payloadType").replace("haven.events.", ""))
                .toList();
    }

    /** A case's stored events in sequence order, each commit's events taken out of its one document. */
    public static List<Document> storedEventsOf(MongoDatabase database, String caseId) {
        var events = new ArrayList<Document>();
        database.getCollection("events")
                .find(Filters.or(
                        Filters.eq("aggregateIdentifier", caseId), Filters.eq("more.aggregateIdentifier", caseId)))
                .forEach(stored -> HavenEventStorageEngine.eventsIn(stored).stream()
                        .filter(event -> caseId.equals(event.getString("aggregateIdentifier")))
                        .forEach(events::add));
        events.sort(Comparator.comparingLong(event -> event.getLong("sequenceNumber")));
        return events;
    }

    /** Events, not documents: a commit of several events is one document. */
    protected long storedEventCount() {
        long events = 0;
        for (Document stored : database.getCollection("events").find()) {
            events += HavenEventStorageEngine.eventsIn(stored).size();
        }
        return events;
    }

    protected List<Document> everyStoredDocument() {
        var all = new ArrayList<Document>();
        for (String name : database.listCollectionNames()) {
            database.getCollection(name).find().into(all);
        }
        return all;
    }
}
