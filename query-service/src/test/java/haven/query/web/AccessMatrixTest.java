package haven.query.web;

import static haven.infra.security.AccessMatrix.ANYONE;
import static haven.infra.security.AccessMatrix.Caller.ADMIN;
import static haven.infra.security.AccessMatrix.Caller.BOARD;
import static haven.infra.security.AccessMatrix.Caller.CASEWORKER;
import static haven.infra.security.AccessMatrix.Caller.CASE_MANAGER;
import static haven.infra.security.AccessMatrix.Caller.PARTNERSHIP_BOARD;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import haven.infra.security.AccessMatrix;
import haven.infra.security.AccessMatrix.Caller;
import haven.infra.security.Role;
import haven.infra.security.TestTokens;
import haven.query.QueryServiceTest;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Who gets past sign-in and role checks at every view. Which cases they see is {@code CaseAccess}'s rule. */
@QueryServiceTest(database = "access-tests")
class AccessMatrixTest {

    static final Set<Caller> CASE_TEAM = EnumSet.of(CASEWORKER, CASE_MANAGER);
    static final Set<Caller> ONLY_ADMIN = EnumSet.of(ADMIN);

    static final Map<String, Set<Caller>> ALLOWED = Map.ofEntries(
            Map.entry("POST /api/reporter/status", ANYONE),
            Map.entry("GET /api/caseload", CASE_TEAM),
            Map.entry("GET /api/cases/{caseId}", CASE_TEAM),
            Map.entry("GET /api/cases", CASE_TEAM),
            Map.entry("GET /api/closed-cases", CASE_TEAM),
            Map.entry("GET /api/actions/mine", CASE_TEAM),
            Map.entry("GET /api/cases/{caseId}/timeline", CASE_TEAM),
            Map.entry("GET /api/cases/{caseId}/record", CASE_TEAM),
            Map.entry("GET /api/cases/{caseId}/attachments/{fileId}", CASE_TEAM),
            Map.entry("GET /api/cases/{caseId}/letters/{letterId}/pdf", CASE_TEAM),
            Map.entry("GET /api/cases/{caseId}/referrals/{referralId}/pdf", CASE_TEAM),
            Map.entry("POST /api/cases/{caseId}/break-glass", EnumSet.of(CASE_MANAGER)),
            Map.entry("GET /api/admin/access-log", ONLY_ADMIN),
            Map.entry("GET /api/admin/access-log/verify", ONLY_ADMIN),
            Map.entry("GET /api/admin/retention/due", ONLY_ADMIN),
            Map.entry("GET /api/admin/organisation/archive", ONLY_ADMIN),
            Map.entry("GET /api/centre/reports", EnumSet.of(Caller.REPORTING_CENTRE)),
            Map.entry("GET /api/trends", EnumSet.of(BOARD, PARTNERSHIP_BOARD, CASE_MANAGER, ADMIN)),
            Map.entry("GET /api/trends.csv", EnumSet.of(BOARD, PARTNERSHIP_BOARD, CASE_MANAGER, ADMIN)),
            Map.entry("GET /api/admin/processors", ONLY_ADMIN),
            Map.entry("POST /api/admin/processors/{name}/replay", ONLY_ADMIN),
            Map.entry("GET /api/admin/processors/{name}/rebuild", ONLY_ADMIN),
            Map.entry("GET /api/admin/dead-letters", ONLY_ADMIN),
            Map.entry("POST /api/admin/dead-letters/{processingGroup}/retry", ONLY_ADMIN));

    @Autowired
    MockMvc http;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @TestFactory
    Stream<DynamicTest> everyEndpointAskedByEveryCaller() {
        return AccessMatrix.check(http, mappings, ALLOWED);
    }

    /** Only a current access token, signed by the configured issuer for Haven, reads anything. */
    @TestFactory
    Stream<DynamicTest> everyOtherTokenIsRefused() throws Exception {
        http.perform(get("/api/caseload")
                        .header("Authorization", TestTokens.bearer("mgr.jones", "equality", Role.CASE_MANAGER)))
                .andExpect(status().isOk());
        return TestTokens.refused("mgr.jones", "equality", Role.CASE_MANAGER, Role.ADMIN).entrySet().stream()
                .map(token -> DynamicTest.dynamicTest(
                        token.getKey(),
                        () -> http.perform(get("/api/caseload").header("Authorization", token.getValue()))
                                .andExpect(status().isUnauthorized())));
    }
}
