package haven.command.web;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import haven.command.ApiTest;
import haven.infra.security.Intruder;
import haven.infra.security.Intruder.Example;
import haven.infra.security.Role;
import haven.infra.security.TestTokens;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every command endpoint attacked as {@link Intruder} does, by a caller who gets past every role check.
 * A refused request must leave every collection a request writes as it was. The receipt throttle is
 * lifted (in a context of its own, so no other test meets its spent buckets): it would answer most
 * attacks with 429 before they reach a handler. ClientLimitsTest proves the throttle.
 */
@TestPropertySource(
        properties = {"haven.receipts.failures-per-reference=1000000", "haven.receipts.failures-per-client=1000000"})
class IntruderTest extends ApiTest {

    static final String NAMED_REPORT = """
            { "type": "DIGNITY_AT_WORK", "category": "BULLYING", "occurredOn": "2026-10-01",
              "locationType": "WORKPLACE", "area": "PLACE", "motivations": ["AGE"],
              "reporterRole": "VICTIM", "anonymous": false,
              "reporter": { "name": "Sam Reporter", "email": "sam@example.org", "phone": "01234 567890" },
              "contactPreference": "EMAIL", "narrative": "Left out of every team meeting",
              "namedParties": ["my line manager"], "namedStaff": ["x.someone"],
              "policeInformed": false, "consentToShare": true, "organisation": "council", "language": "cy" }
            """;

    static final String MEETING = """
            {"kind": "FORMAL_HEARING", "startsAt": "2099-01-05T10:00", "place": "Room 4, Civic Centre",
             "attendees": ["mgr.jones"], "companion": {"role": "TRADE_UNION_REPRESENTATIVE", "name": "J. Rep"}}""";

    static final String HISTORY = "source_id,reported_month,type,category,area,location_type,reporter_role,"
            + "perceived_motivations,characteristics,strands,outcome,closed_on\r\n"
            + "INC-2021-0042,2021-06,HATE_INCIDENT,VERBAL_ABUSE,CASTLE,STREET_OR_PUBLIC_SPACE,VICTIM,RACE,RACE,RACE,"
            + "RESOLVED_INFORMALLY,2021-07-30\r\n";

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Value("${haven.privacy.master-key}")
    String masterKey;

    @Value("${spring.data.mongodb.uri}")
    String storeUri;

    @TestFactory
    Stream<DynamicTest> everyInputOfEveryEndpointWithstandsHostileValues() throws Exception {
        var report = submitAnonymousReport();
        String caseId = report.get("caseId").asText();
        postJson(
                        "/api/cases/" + caseId + "/triage",
                        "{\"category\": \"VERBAL_ABUSE\", \"risk\": \"LOW\", " + "\"route\": \"INFORMAL_RESOLUTION\"}")
                .andExpect(status().isAccepted());
        String actionId = json.readTree(postJson(
                                "/api/cases/" + caseId + "/actions",
                                "{\"description\": \"Meet the reporter\", \"owner\": \"mgr.jones\", \"due\": \""
                                        + LocalDate.now().plusDays(7) + "\"}")
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("actionId")
                .asText();
        String meetingId = json.readTree(postJson("/api/cases/" + caseId + "/meetings", MEETING)
                        .andExpect(status().isAccepted())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("meetingId")
                .asText();
        String respondentId = json.readTree(postJson(
                                "/api/cases/" + caseId + "/respondents",
                                "{\"name\": \"D. Smith\", \"relationship\": \"MANAGER\"}")
                        .andExpect(status().isAccepted())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("respondentId")
                .asText();
        signIn(TestTokens.bearer("cw.patel", "equality", Role.CASEWORKER));
        RequestPostProcessor anyone = request -> request;
        RequestPostProcessor staff = bearer(TestTokens.bearer("intruder.staff", "equality", Role.values()));
        String future = LocalDate.now().plusDays(3).toString();
        var examples = List.of(
                Example.of("POST /api/reports", anyone).json(NAMED_REPORT),
                Example.of("POST /api/intake/reports", staff)
                        .json("{\"report\": " + NAMED_REPORT
                                + ", \"channel\": \"PHONE\", \"recorderMayBeContacted\": true}"),
                Example.of("GET /api/staff/me", staff),
                Example.of("POST /api/reporter/messages", anyone)
                        .json("{\"reference\": \"" + report.get("reference").asText() + "\", \"receipt\": \""
                                + report.get("receipt").asText() + "\", \"text\": \"Any news?\"}"),
                Example.of("POST /api/reporter/attachments", anyone)
                        .form(Map.of(
                                "reference", report.get("reference").asText(),
                                "receipt", report.get("receipt").asText()))
                        .upload("file", "what-they-wrote.txt", "You will be sorry"),
                onCase("POST /api/cases/{caseId}/attachments", caseId, staff)
                        .form(Map.of())
                        .upload("file", "statement.txt", "The witness statement"),
                onCase("POST /api/cases/{caseId}/triage", caseId, staff)
                        .json("{\"category\": \"VERBAL_ABUSE\", "
                                + "\"characteristics\": [\"RACE\"], \"strands\": [\"RACE\"], \"risk\": \"LOW\", \"route\": \"INFORMAL_RESOLUTION\", "
                                + "\"firstContactDue\": \"" + future + "\", \"resolutionDue\": \"" + future
                                + "\", \"area\": \"HOUSING\"}"),
                onCase("POST /api/cases/{caseId}/assignment", caseId, staff)
                        .json("{\"caseworker\": \"cw.patel\", \"team\": \"equality\", \"reason\": \"Capacity\"}"),
                onCase("POST /api/cases/{caseId}/conflicts", caseId, staff)
                        .json("{\"caseworker\": \"cw.lee\", \"reason\": \"Knows the reporter\"}"),
                onCase("POST /api/cases/{caseId}/named-staff", caseId, staff).json("{\"staffId\": \"x.other\"}"),
                onCase("POST /api/cases/{caseId}/notes", caseId, staff).json("{\"text\": \"Spoke to the reporter\"}"),
                onCase("POST /api/cases/{caseId}/actions", caseId, staff)
                        .json("{\"description\": \"Meet\", \"owner\": \"cw.patel\", \"due\": \"" + future + "\"}"),
                onCase("POST /api/cases/{caseId}/actions/{actionId}/completion", caseId, staff)
                        .path("actionId", actionId),
                onCase("POST /api/cases/{caseId}/messages", caseId, staff)
                        .json("{\"text\": \"We are looking into it\"}"),
                onCase("POST /api/cases/{caseId}/messages-read", caseId, staff),
                onCase("POST /api/cases/{caseId}/resolution", caseId, staff)
                        .json("{\"outcome\": \"RESOLVED_INFORMALLY\", \"summary\": \"Agreed a way forward\"}"),
                onCase("POST /api/cases/{caseId}/closure", caseId, staff),
                onCase("POST /api/cases/{caseId}/appeal", caseId, staff)
                        .json("{\"grounds\": \"The witness was never asked\"}"),
                onCase("POST /api/cases/{caseId}/appeal/hearer", caseId, staff).json("{\"hearer\": \"mgr.ahmed\"}"),
                onCase("POST /api/cases/{caseId}/appeal/decision", caseId, staff)
                        .json("{\"outcome\": \"DISMISSED\", \"reasons\": \"The witness was asked\"}"),
                onCase("POST /api/cases/{caseId}/reopening", caseId, staff).json("{\"reason\": \"New evidence\"}"),
                onCase("POST /api/cases/{caseId}/meetings", caseId, staff).json(MEETING),
                onCase("POST /api/cases/{caseId}/letters", caseId, staff)
                        .json(
                                "{\"kind\": \"ACKNOWLEDGEMENT\", \"text\": \"Dear reporter, thank you for your report.\"}"),
                onCase("POST /api/cases/{caseId}/respondents", caseId, staff)
                        .json(
                                "{\"name\": \"D. Smith\", \"role\": \"Shift supervisor\", \"relationship\": \"MANAGER\"}"),
                onCase("POST /api/cases/{caseId}/respondents/{respondentId}/steps", caseId, staff)
                        .path("respondentId", respondentId)
                        .json("{\"step\": \"INTERVIEWED\"}"),
                onCase("POST /api/cases/{caseId}/meetings/{meetingId}/adjournment", caseId, staff)
                        .path("meetingId", meetingId)
                        .json("{\"reason\": \"The representative is ill\", \"resumesAt\": \"2099-01-12T10:00\"}"),
                onCase("POST /api/cases/{caseId}/meetings/{meetingId}/notes", caseId, staff)
                        .path("meetingId", meetingId)
                        .json("{\"notes\": \"Both accounts heard\", \"shareWithReporter\": true}"),
                onCase("POST /api/cases/{caseId}/meetings/{meetingId}/sharing", caseId, staff)
                        .path("meetingId", meetingId),
                Example.of("POST /api/reporter/consent", anyone)
                        .json("{\"reference\": \"" + report.get("reference").asText() + "\", \"receipt\": \""
                                + report.get("receipt").asText() + "\", \"consent\": true}"),
                Example.of("POST /api/reporter/monitoring", anyone)
                        .json(
                                "{\"reference\": \"" + report.get("reference").asText() + "\", \"receipt\": \""
                                        + report.get("receipt").asText()
                                        + "\", \"answers\": {\"AGE\": \"FROM_25_TO_34\", \"RELIGION\": \"PREFER_NOT_TO_SAY\"}}"),
                Example.of("POST /api/reporter/check-in", anyone)
                        .json("{\"reference\": \"" + report.get("reference").asText() + "\", \"receipt\": \""
                                + report.get("receipt").asText()
                                + "\", \"victimised\": true, \"details\": \"Left off the rota\"}"),
                Example.of("POST /api/reporter/appeal", anyone)
                        .json("{\"reference\": \"" + report.get("reference").asText() + "\", \"receipt\": \""
                                + report.get("receipt").asText() + "\", \"grounds\": \"The witness was never asked\"}"),
                onCase("POST /api/cases/{caseId}/referrals", caseId, staff)
                        .json("{\"to\": \"council\", \"basis\": \"LAWFUL_BASIS\", \"lawfulBasis\": \"Risk to life\","
                                + " \"redactionId\": \"7f1c8a52-3c1e-4c3b-9a51-2f6d0c9e8b11\"}"),
                onCase("POST /api/cases/{caseId}/redactions", caseId, staff)
                        .json("{\"hide\": [\"a name\"], \"notes\": [], \"reason\": \"Their name\"}"),
                onCase("POST /api/cases/{caseId}/police-report", caseId, staff)
                        .json("{\"crimeReference\": \"42/1234/26\", \"classification\": \"CRIME\"}"),
                onCase("POST /api/admin/cases/{caseId}/erasure", caseId, staff)
                        .json("{\"reason\": \"ERASURE_REQUEST\"}"),
                onCase("POST /api/admin/cases/{caseId}/legal-hold", caseId, staff)
                        .json("{\"reason\": \"Tribunal claim\"}"),
                onCase("POST /api/admin/cases/{caseId}/lifted-exclusions", caseId, staff)
                        .json("{\"staffId\": \"x.someone\", \"reason\": \"Named to keep them away\"}"),
                onCase("DELETE /api/admin/cases/{caseId}/legal-hold", caseId, staff),
                Example.of("POST /api/admin/imports", staff)
                        .query("dryRun", "true")
                        .csv(HISTORY),
                Example.of("GET /api/admin/imports/{id}", staff).path("id", "0123456789abcdef0123456789abcdef"),
                Example.of("POST /api/admin/organisation/departure", staff).json("{\"confirm\": \"council\"}"));
        return Intruder.attack(new Intruder.Target(
                http, mappings, examples, List.of(masterKey, storeUri), this::everyCollectionsSize));
    }

    private static Example onCase(String endpoint, String caseId, RequestPostProcessor caller) {
        return Example.of(endpoint, caller).path("caseId", caseId);
    }

    private static RequestPostProcessor bearer(String value) {
        return request -> {
            request.addHeader("Authorization", value);
            return request;
        };
    }

    /**
     * Every collection a request writes. Left out: the processors' own, written in the background, and
     * the staff directory, which notes whoever signs in from their verified token alone, whatever the
     * request then asks.
     */
    private Map<String, Long> everyCollectionsSize() {
        var sizes = new TreeMap<String, Long>();
        database.listCollectionNames()
                .forEach(name -> sizes.put(name, database.getCollection(name).estimatedDocumentCount()));
        sizes.keySet()
                .removeAll(List.of(
                        "retention_schedule",
                        "trackingtokens",
                        "escalation_watch",
                        "escalation_due",
                        "escalation_progress",
                        "staff_directory"));
        return sizes;
    }
}
