package haven.command;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
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
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactories;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The command-service over HTTP against the in-process Mongo-wire store. Classes with the same
 * properties share one application; each set of properties gets a database of its own, so two
 * applications never compete for one store's processor tokens (a paused one would hold its claim).
 */
@SpringBootTest
@AutoConfigureMockMvc
@ContextCustomizerFactories(ApiTest.DatabasePerApplication.class)
public abstract class ApiTest {

    /** Names the database after the test class's properties: the same properties, the same application and database. */
    static class DatabasePerApplication implements ContextCustomizerFactory {

        @Override
        public ContextCustomizer createContextCustomizer(
                Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
            if (!ApiTest.class.isAssignableFrom(testClass)) {
                return null;
            }
            var properties = TestContextAnnotationUtils.findMergedAnnotation(testClass, TestPropertySource.class);
            String name = properties == null
                    ? "command-tests"
                    : "command-tests-" + Integer.toHexString(Arrays.hashCode(properties.properties()));
            return new Database(name);
        }
    }

    record Database(String name) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration merged) {
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "command-test-database",
                            Map.of(
                                    "spring.data.mongodb.uri",
                                    EmbeddedStore.shared().uri(name))));
        }
    }

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

    /** The case manager of the equality team, who can work on any of its cases and on unassigned ones. */
    public static final String MANAGER = TestTokens.bearer("mgr.jones", "equality", Role.CASE_MANAGER);

    protected ResultActions postJson(String path, String body) throws Exception {
        return postJson(path, body, MANAGER);
    }

    /** Stands for a valid evidence file in a table of bodies: sent as multipart, not JSON. */
    public static final String EVIDENCE_FILE = "(a text file, multipart)";

    protected ResultActions postJson(String path, String body, String bearer) throws Exception {
        if (EVIDENCE_FILE.equals(body)) {
            return http.perform(multipart(path)
                    .file(new MockMultipartFile("file", "statement.txt", "text/plain", "What I saw".getBytes()))
                    .header("Authorization", bearer));
        }
        return http.perform(post(path)
                .contentType(MediaType.APPLICATION_JSON)
                .header("Authorization", bearer)
                .content(body));
    }

    /** The member of staff signs in: Haven knows them from now on (cases are assigned only to staff it knows). */
    protected void signIn(String bearer) throws Exception {
        http.perform(get("/api/staff/me").header("Authorization", bearer)).andExpect(status().isOk());
    }

    protected JsonNode submitAnonymousReport() throws Exception {
        return submitReport(ANONYMOUS_REPORT);
    }

    /** Reports, as anyone can, and answers the receipt: case id, reference and receipt. */
    protected JsonNode submitReport(String report) throws Exception {
        String body = http.perform(post("/api/reports")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(report))
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
