package haven.query.web;

import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.sun.net.httpserver.HttpServer;
import haven.events.ActionAgreed;
import haven.events.CaseId;
import haven.events.CaseReferred;
import haven.events.CaseTriaged;
import haven.events.Category;
import haven.events.Companion;
import haven.events.ContactPreference;
import haven.events.EvidenceAttached;
import haven.events.InvestigationNoteAdded;
import haven.events.LetterKind;
import haven.events.LetterSent;
import haven.events.LocationType;
import haven.events.MeetingKind;
import haven.events.MeetingScheduled;
import haven.events.MessageFromReporterReceived;
import haven.events.MessageToReporterSent;
import haven.events.PoliceClassification;
import haven.events.PoliceReportRecorded;
import haven.events.RedactionMade;
import haven.events.ReferralBasis;
import haven.events.ReportSubmitted;
import haven.events.ReportType;
import haven.events.Reporter;
import haven.events.ReporterRole;
import haven.events.RespondentRecorded;
import haven.events.RespondentRelationship;
import haven.events.RiskLevel;
import haven.events.Route;
import haven.infra.privacy.EvidenceFiles;
import haven.infra.security.Intruder;
import haven.infra.security.Intruder.Example;
import haven.infra.security.Role;
import haven.infra.security.TestTokens;
import haven.query.CaseStream;
import haven.query.PageLogin;
import haven.query.QueryServiceTest;
import haven.query.Reports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.security.crypto.bcrypt.BCrypt;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every view and page form attacked as {@link Intruder} does, by a caller who gets past every role
 * check, on a case whose every stored text is itself a template expression. The pages relay to a
 * stand-in command-service that accepts everything and counts what it is sent: a page that refuses
 * must not have relayed anything. The receipt throttle is lifted: it would answer most attacks with
 * 429 before they reach a handler.
 */
@QueryServiceTest(database = "intruder-tests")
@TestPropertySource(
        properties = {"haven.receipts.failures-per-reference=1000000", "haven.receipts.failures-per-client=1000000"})
class IntruderTest {

    static final String TEAM = "equality";
    static final String RECEIPT = "1234-5678-9012-3456";
    static final String ACTION_ID = UUID.randomUUID().toString();
    static final String FILE_ID = UUID.randomUUID().toString();
    static final String MEETING_ID = UUID.randomUUID().toString();
    static final String RESPONDENT_ID = UUID.randomUUID().toString();
    static final String LETTER_ID = UUID.randomUUID().toString();
    static final String REFERRAL_ID = UUID.randomUUID().toString();
    static final CommandServiceStandIn COMMANDS = CommandServiceStandIn.start();

    @Autowired
    MockMvc http;

    @Autowired
    EventStore events;

    @Autowired
    EvidenceFiles evidence;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Value("${haven.privacy.master-key}")
    String masterKey;

    @Value("${haven.trends.pseudonym-key}")
    String trendsKey;

    @Value("${haven.staff-sign-in.client-secret}")
    String clientSecret;

    @Value("${spring.data.mongodb.uri}")
    String storeUri;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("haven.command-service.url", COMMANDS::url);
    }

    @AfterAll
    static void stopTheStandIn() {
        COMMANDS.server().stop(0);
    }

    /** The signed-in member of staff's access token, as the sign-in would have left it in their session. */
    @TestConfiguration
    static class StaffTokenInTheSession {
        @Bean
        @Primary
        OAuth2AuthorizedClientManager signedInStaffToken() {
            var registration = ClientRegistration.withRegistrationId("haven")
                    .clientId("haven-web")
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri("{baseUrl}/login")
                    .authorizationUri("https://identity.test.haven/authorize")
                    .tokenUri("https://identity.test.haven/token")
                    .build();
            var token = new OAuth2AccessToken(
                    OAuth2AccessToken.TokenType.BEARER,
                    TestTokens.token("intruder.staff", TEAM, Instant.now().plusSeconds(3600), Role.values()),
                    Instant.now(),
                    Instant.now().plusSeconds(3600));
            return request -> new OAuth2AuthorizedClient(registration, "intruder.staff", token);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyInputOfEveryViewAndPageWithstandsHostileValues() {
        String caseId = caseWhoseEveryTextIsAnExpression();
        RequestPostProcessor anyone = csrf();
        RequestPostProcessor api = request -> {
            request.addHeader("Authorization", TestTokens.bearer("intruder.staff", TEAM, Role.values()));
            return request;
        };
        RequestPostProcessor page = request -> csrf().postProcessRequest(
                        PageLogin.as("intruder.staff", TEAM, Role.values()).postProcessRequest(request));
        RequestPostProcessor centre = request -> csrf().postProcessRequest(
                        PageLogin.as("intruder.centre", "central-library", Role.REPORTING_CENTRE)
                                .postProcessRequest(request));
        RequestPostProcessor centreApi = request -> {
            request.addHeader(
                    "Authorization", TestTokens.bearer("intruder.centre", "central-library", Role.REPORTING_CENTRE));
            return request;
        };
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        http.perform(get("/api/cases/{caseId}/record", caseId).with(api))
                                        .andReturn()
                                        .getResponse()
                                        .getStatus()
                                == 200);
        var examples = new ArrayList<>(List.of(
                Example.of("POST /api/reporter/status", anyone)
                        .json("{\"reference\": \"HV-INTR-0001\", \"receipt\": \"" + RECEIPT + "\"}"),
                Example.of("GET /api/caseload", api),
                onCase("GET /api/cases/{caseId}", caseId, api),
                Example.of("GET /api/cases", api).query("reference", "HV-7K3M-Q9"),
                Example.of("GET /api/actions/mine", api),
                Example.of("GET /actions", page),
                onCase("POST /actions/{caseId}/{actionId}/completion", caseId, page)
                        .path("actionId", ACTION_ID),
                Example.of("GET /api/closed-cases", api)
                        .query("month", "2026-11")
                        .query("type", "HATE_INCIDENT")
                        .query("outcome", "UPHELD"),
                onCase("GET /api/cases/{caseId}/timeline", caseId, api),
                onCase("GET /api/cases/{caseId}/record", caseId, api),
                onCase("GET /api/cases/{caseId}/attachments/{fileId}", caseId, api)
                        .path("fileId", FILE_ID),
                onCase("GET /cases/{caseId}/attachments/{fileId}", caseId, page).path("fileId", FILE_ID),
                onCase("POST /cases/{caseId}/attachments", caseId, page)
                        .form(Map.of())
                        .upload("file", "letter.txt", "A letter from the depot"),
                Example.of("POST /follow-up/attachments", anyone)
                        .form(Map.of("reference", "HV-INTR-0001", "receipt", RECEIPT))
                        .upload("file", "photo.txt", "What I saw"),
                onCase("POST /api/cases/{caseId}/break-glass", caseId, api)
                        .json("{\"reason\": \"Safeguarding concern raised\"}"),
                Example.of("GET /api/admin/access-log", api).query("caseId", caseId),
                Example.of("GET /api/trends", api).query("period", "year"),
                Example.of("GET /api/trends.csv", api).query("period", "year"),
                Example.of("POST /api/admin/processors/{name}/replay", api).path("name", "no-such-view"),
                Example.of("GET /api/admin/processors/{name}/rebuild", api).path("name", "caseload"),
                Example.of("POST /api/admin/dead-letters/{processingGroup}/retry", api)
                        .path("processingGroup", "no-such-view"),
                Example.of("POST /follow-up", anyone).form(Map.of("reference", "HV-INTR-0001", "receipt", RECEIPT)),
                Example.of("POST /follow-up/consent", anyone)
                        .form(Map.of("reference", "HV-INTR-0001", "receipt", RECEIPT, "consent", "no")),
                Example.of("POST /follow-up/check-in", anyone)
                        .form(Map.of(
                                "reference",
                                "HV-INTR-0001",
                                "receipt",
                                RECEIPT,
                                "victimised",
                                "yes",
                                "details",
                                "Left out")),
                Example.of("POST /follow-up/monitoring/questions", anyone)
                        .form(Map.of("reference", "HV-INTR-0001", "receipt", RECEIPT)),
                Example.of("POST /follow-up/monitoring", anyone)
                        .form(Map.of("reference", "HV-INTR-0001", "receipt", RECEIPT, "AGE", "FROM_25_TO_34")),
                Example.of("POST /follow-up/appeal", anyone)
                        .form(Map.of("reference", "HV-INTR-0001", "receipt", RECEIPT, "grounds", "Not looked at")),
                Example.of("POST /follow-up/reply", anyone)
                        .form(Map.of("reference", "HV-INTR-0001", "receipt", RECEIPT, "text", "Any news?")),
                Example.of("POST /report/{slug}", anyone).path("slug", "check").form(Reports.COMPLETE_REPORT_FORM),
                Example.of("POST /intake/{slug}", page).path("slug", "check").form(Reports.COMPLETE_RECORDING_FORM),
                Example.of("GET /intake", page),
                Example.of("GET /centre", centre),
                Example.of("GET /api/centre/reports", centreApi),
                Example.of("GET /admin", page).query("caseId", caseId),
                Example.of("POST /admin/processors/{name}/rebuild", page).path("name", "no-such-view"),
                Example.of("POST /admin/legal-hold", page)
                        .form(Map.of("reference", "HV-INTR-22", "reason", "Tribunal claim")),
                Example.of("POST /admin/legal-hold/lift", page).form(Map.of("reference", "HV-INTR-22")),
                Example.of("POST /admin/erasure", page).form(Map.of("reference", "HV-INTR-22", "confirm", "yes")),
                Example.of("POST /admin/lifted-exclusion", page)
                        .form(Map.of(
                                "reference",
                                "HV-INTR-22",
                                "staffId",
                                "x.someone",
                                "reason",
                                "Named to keep them away")),
                Example.of("GET /admin/history", page),
                Example.of("POST /admin/organisation/departure", page).form(Map.of("confirm", "council")),
                Example.of("POST /admin/history", page)
                        .form(Map.of("action", "import"))
                        .upload(
                                "file",
                                "source_id,reported_month,type,category,area,location_type,reporter_role,perceived_motivations,"
                                        + "characteristics,strands,outcome,closed_on\r\nINC-1,2021-06,HATE_INCIDENT,THREATS,CASTLE,,,,,,UPHELD,2021-07-30\r\n"),
                Example.of("GET /admin/history/{id}", page).path("id", "0123456789abcdef0123456789abcdef"),
                Example.of("GET /trends", page).query("period", "year"),
                Example.of("GET /trends/pack", page)
                        .query("period", "financial-year")
                        .query("of", "2025-06"),
                Example.of("GET /trends/pack.pdf", page)
                        .query("period", "financial-year")
                        .query("of", "2025-06"),
                Example.of("GET /trends/download", page).query("period", "year"),
                Example.of("GET /cases", page),
                Example.of("GET /cases/find", page).query("reference", "HV-7K3M-Q9"),
                Example.of("GET /cases/break-glass", page),
                Example.of("POST /cases/break-glass", page)
                        .form(Map.of("reference", "HV-7K3M-Q9", "reason", "Reporter at risk tonight")),
                Example.of("GET /cases/closed", page)
                        .query("month", "2026-11")
                        .query("type", "HATE_INCIDENT")
                        .query("outcome", "UPHELD"),
                onCase("GET /cases/{caseId}", caseId, page),
                onCase("POST /cases/{caseId}/actions/{actionId}/completion", caseId, page)
                        .path("actionId", ACTION_ID)));
        for (var form : List.of(
                Map.of("slug", "triage", "category", "THREATS", "risk", "HIGH", "route", "FORMAL_INVESTIGATION"),
                Map.of("slug", "assignment", "caseworker", "cw.lee", "team", TEAM, "reason", "Capacity"),
                Map.of("slug", "notes", "text", "Spoke to the reporter"),
                Map.of(
                        "slug",
                        "actions",
                        "description",
                        "Meet",
                        "owner",
                        "cw.lee",
                        "due-day",
                        "1",
                        "due-month",
                        "1",
                        "due-year",
                        "2030"),
                Map.of("slug", "messages", "text", "We are looking into it"),
                Map.of("slug", "messages-read"),
                Map.of("slug", "conflicts", "caseworker", "cw.other", "reason", "Knows the reporter"),
                Map.of("slug", "named-staff", "staffId", "x.someone"),
                Map.of("slug", "resolution", "outcome", "UPHELD", "summary", "Agreed a way forward"),
                Map.of("slug", "closure"),
                Map.of("slug", "appeal", "grounds", "The witness was never asked"),
                Map.of("slug", "appeal-hearer", "hearer", "mgr.ahmed"),
                Map.of("slug", "appeal-decision", "outcome", "DISMISSED", "reasons", "The witness was asked"),
                Map.of("slug", "reopening", "reason", "New evidence"),
                Map.ofEntries(
                        Map.entry("slug", "meetings"),
                        Map.entry("kind", "FORMAL_HEARING"),
                        Map.entry("starts-day", "5"),
                        Map.entry("starts-month", "1"),
                        Map.entry("starts-year", "2099"),
                        Map.entry("starts-time", "10:00"),
                        Map.entry("place", "Room 4, Civic Centre"),
                        Map.entry("attendees", "mgr.jones"),
                        Map.entry("companionRole", "TRADE_UNION_REPRESENTATIVE"),
                        Map.entry("companionName", "J. Rep")),
                Map.of("slug", "respondents", "name", "D. Smith", "role", "Supervisor", "relationship", "MANAGER"),
                Map.of("slug", "redactions", "hide", "D. Smith", "notes", "note-1", "reason", "Their name"),
                Map.of("slug", "referrals", "to", "council", "basis", "CONSENT", "redactionId", REFERRAL_ID),
                Map.of("slug", "police-report", "crimeReference", "42/1234/26", "classification", "CRIME"))) {
            var fields = new java.util.HashMap<>(form);
            String slug = fields.remove("slug");
            examples.add(onCase("POST /cases/{caseId}/{slug}", caseId, page)
                    .path("slug", slug)
                    .form(fields));
        }
        for (var form : List.of(
                Map.of("slug", "meeting-notes", "notes", "Both accounts heard", "share", "yes"),
                Map.of(
                        "slug",
                        "adjournment",
                        "reason",
                        "The representative is ill",
                        "resumes-day",
                        "12",
                        "resumes-month",
                        "1",
                        "resumes-year",
                        "2099",
                        "resumes-time",
                        "10:00"),
                Map.of("slug", "notes-sharing"))) {
            var fields = new java.util.HashMap<>(form);
            String slug = fields.remove("slug");
            examples.add(onCase("POST /cases/{caseId}/meetings/{meetingId}/{slug}", caseId, page)
                    .path("meetingId", MEETING_ID)
                    .path("slug", slug)
                    .form(fields));
        }
        examples.addAll(List.of(
                onCase("GET /cases/{caseId}/letters/draft", caseId, page).query("kind", "OUTCOME"),
                onCase("POST /cases/{caseId}/letters", caseId, page)
                        .form(Map.of("kind", "ACKNOWLEDGEMENT", "text", "Dear reporter")),
                onCase("GET /cases/{caseId}/letters/{letterId}/pdf", caseId, page)
                        .path("letterId", LETTER_ID),
                onCase("GET /api/cases/{caseId}/letters/{letterId}/pdf", caseId, api)
                        .path("letterId", LETTER_ID),
                onCase("GET /cases/{caseId}/referrals/{referralId}/pdf", caseId, page)
                        .path("referralId", REFERRAL_ID),
                onCase("GET /api/cases/{caseId}/referrals/{referralId}/pdf", caseId, api)
                        .path("referralId", REFERRAL_ID),
                Example.of("POST /follow-up/letters/{letterId}/pdf", anyone)
                        .path("letterId", LETTER_ID)
                        .form(Map.of("reference", "HV-INTR-0001", "receipt", RECEIPT))));
        examples.add(onCase("POST /cases/{caseId}/respondents/{respondentId}/steps", caseId, page)
                .path("respondentId", RESPONDENT_ID)
                .form(Map.of("step", "INFORMED")));
        return Intruder.attack(new Intruder.Target(
                http,
                mappings,
                examples,
                List.of(masterKey, trendsKey, clientSecret, storeUri),
                COMMANDS.received()::get));
    }

    private static Example onCase(String endpoint, String caseId, RequestPostProcessor caller) {
        return Example.of(endpoint, caller).path("caseId", caseId);
    }

    /** Stored hostile text: a page that evaluated what a view holds would show 49. */
    private String caseWhoseEveryTextIsAnExpression() {
        var history = new CaseStream(events);
        CaseId caseId = history.caseId();
        history.append(new ReportSubmitted(
                caseId,
                "HV-INTR-0001",
                BCrypt.hashpw(RECEIPT, BCrypt.gensalt(4)),
                ReportType.DIGNITY_AT_WORK,
                Category.HARASSMENT,
                LocalDate.parse("2026-10-12"),
                LocationType.WORKPLACE,
                "__${7*7}__",
                Set.of(),
                ReporterRole.VICTIM,
                false,
                new Reporter("${7*7}", "x@example.org", "[[${7*7}]]"),
                ContactPreference.EMAIL,
                "x} + ${7*7} + #{x",
                List.of("[(${7*7})]", "*{7*7}"),
                false,
                true,
                null));
        history.append(new CaseTriaged(
                caseId,
                Category.HARASSMENT,
                Set.of(),
                Set.of(),
                RiskLevel.MEDIUM,
                Route.INFORMAL_RESOLUTION,
                LocalDate.now().plusDays(3),
                LocalDate.now().plusDays(20),
                "cw.lee",
                null));
        history.append(new InvestigationNoteAdded(
                caseId, "note-1", "#{7*7} ${@environment.getProperty('haven.privacy.master-key')}", "cw.lee"));
        history.append(new ActionAgreed(
                caseId, ACTION_ID, "__${7*7}__::x", "cw.lee", LocalDate.now().plusDays(5), "cw.lee"));
        history.append(new MessageToReporterSent(caseId, "message-1", "[[${7*7}]]", "cw.lee"));
        history.append(
                new MessageFromReporterReceived(caseId, "message-2", "=HYPERLINK(\"https://intruder.example/\")"));
        history.append(new MeetingScheduled(
                caseId,
                MEETING_ID,
                MeetingKind.FORMAL_HEARING,
                LocalDateTime.now().plusDays(5).withNano(0),
                "${7*7} Room",
                List.of("[[${7*7}]]"),
                new Companion(Companion.Role.COLLEAGUE, "__${7*7}__"),
                "cw.lee"));
        history.append(new LetterSent(caseId, LETTER_ID, LetterKind.OUTCOME, "Dear ${7*7} [[${7*7}]]", "cw.lee"));
        history.append(new RespondentRecorded(
                caseId, RESPONDENT_ID, "${7*7}", "[[${7*7}]]", RespondentRelationship.COLLEAGUE, "cw.lee"));
        history.append(new RedactionMade(
                caseId, "redaction-1", "█ ${7*7}", List.of("[[${7*7}]] █"), 1, "__${7*7}__", "cw.lee"));
        history.append(new CaseReferred(
                caseId,
                REFERRAL_ID,
                "council",
                "elsewhere",
                ReferralBasis.LAWFUL_BASIS,
                "${7*7}",
                ReportType.DIGNITY_AT_WORK,
                Category.HARASSMENT,
                LocalDate.parse("2026-10-12"),
                LocationType.WORKPLACE,
                Set.of(),
                "█ ${7*7}",
                1,
                "cw.lee",
                "redaction-1",
                List.of("[[${7*7}]] █")));
        history.append(new PoliceReportRecorded(caseId, "${7*7}", PoliceClassification.CRIME, "cw.lee"));
        evidence.store(caseId.value(), FILE_ID, "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));
        history.append(new EvidenceAttached(caseId, FILE_ID, "${7*7}.txt", "text/plain", 25, null));
        return caseId.value();
    }

    /** Answers every relayed request as the command-service would answer a valid one, and counts them. */
    record CommandServiceStandIn(HttpServer server, AtomicInteger received) {

        static CommandServiceStandIn start() {
            // headers and body are written apart: without TCP_NODELAY, Nagle's algorithm holds the body back
            // until the client's delayed acknowledgement, some 40 ms, on every relayed request
            System.setProperty("sun.net.httpserver.nodelay", "true");
            try {
                var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                var received = new AtomicInteger();
                server.createContext("/", exchange -> {
                    exchange.getRequestBody().readAllBytes();
                    received.incrementAndGet();
                    boolean report = exchange.getRequestURI().getPath().equals("/api/reports");
                    boolean history = exchange.getRequestURI().getPath().startsWith("/api/admin/imports");
                    byte[] body = (report
                                    ? "{\"caseId\": \"" + UUID.randomUUID() + "\", \"reference\": \"HV-STUB-0001\", "
                                            + "\"receipt\": \"" + RECEIPT + "\"}"
                                    : history
                                            ? "{\"id\": \"0123456789abcdef0123456789abcdef\", "
                                                    + "\"rows\": 1, \"imported\": 0, \"alreadyThere\": 0, \"state\": \"RUNNING\"}"
                                            : "{}")
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(report ? 201 : 202, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
                server.start();
                return new CommandServiceStandIn(server, received);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }
    }
}
