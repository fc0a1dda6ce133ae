package haven.command.web;

import static haven.infra.security.AccessMatrix.ANYONE;
import static haven.infra.security.AccessMatrix.Caller.CASEWORKER;
import static haven.infra.security.AccessMatrix.Caller.CASE_MANAGER;

import haven.command.ApiTest;
import haven.infra.security.AccessMatrix;
import haven.infra.security.AccessMatrix.Caller;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Who gets past sign-in and role checks at every command endpoint. Which case they may touch is the case's rule. */
class AccessMatrixTest extends ApiTest {

    static final Set<Caller> CASE_TEAM = EnumSet.of(CASEWORKER, CASE_MANAGER);

    static final Map<String, Set<Caller>> ALLOWED = Map.ofEntries(
            Map.entry("POST /api/reports", ANYONE),
            Map.entry("POST /api/intake/reports", EnumSet.of(CASEWORKER, CASE_MANAGER, Caller.REPORTING_CENTRE)),
            Map.entry("POST /api/reporter/messages", ANYONE),
            Map.entry("POST /api/reporter/attachments", ANYONE),
            Map.entry("POST /api/cases/{caseId}/attachments", CASE_TEAM),
            Map.entry("GET /api/staff/me", EnumSet.complementOf(EnumSet.of(Caller.NOBODY))),
            Map.entry("POST /api/cases/{caseId}/triage", CASE_TEAM),
            Map.entry("POST /api/cases/{caseId}/assignment", EnumSet.of(CASE_MANAGER)),
            Map.entry("POST /api/cases/{caseId}/conflicts", CASE_TEAM),
            Map.entry("POST /api/cases/{caseId}/named-staff", CASE_TEAM),
            Map.entry("POST /api/cases/{caseId}/notes", CASE_TEAM),
            Map.entry("POST /api/cases/{caseId}/actions", CASE_TEAM),
            Map.entry("POST /api/cases/{caseId}/actions/{actionId}/completion", CASE_TEAM),
            Map.entry("POST /api/cases/{caseId}/messages", CASE_TEAM),
            Map.entry("POST /api/cases/{caseId}/messages-read", CASE_TEAM),
            Map.entry("POST /api/cases/{caseId}/resolution", CASE_TEAM),
            Map.entry("POST /api/cases/{caseId}/closure", CASE_TEAM),
            Map.entry("POST /api/cases/{caseId}/appeal", CASE_TEAM),
            Map.entry("POST /api/cases/{caseId}/appeal/hearer", CASE_TEAM),
            Map.entry("POST /api/cases/{caseId}/appeal/decision", CASE_TEAM),
            Map.entry("POST /api/cases/{caseId}/reopening", CASE_TEAM),
            Map.entry("POST /api/cases/{caseId}/meetings", CASE_TEAM),
            Map.entry("POST /api/cases/{caseId}/respondents", CASE_TEAM),
            Map.entry("POST /api/cases/{caseId}/letters", CASE_TEAM),
            Map.entry("POST /api/cases/{caseId}/respondents/{respondentId}/steps", CASE_TEAM),
            Map.entry("POST /api/cases/{caseId}/meetings/{meetingId}/adjournment", CASE_TEAM),
            Map.entry("POST /api/cases/{caseId}/meetings/{meetingId}/notes", CASE_TEAM),
            Map.entry("POST /api/cases/{caseId}/meetings/{meetingId}/sharing", CASE_TEAM),
            Map.entry("POST /api/reporter/appeal", ANYONE),
            Map.entry("POST /api/reporter/check-in", ANYONE),
            Map.entry("POST /api/reporter/consent", ANYONE),
            Map.entry("POST /api/reporter/monitoring", ANYONE),
            Map.entry("POST /api/cases/{caseId}/referrals", CASE_TEAM),
            Map.entry("POST /api/cases/{caseId}/redactions", CASE_TEAM),
            Map.entry("POST /api/cases/{caseId}/police-report", CASE_TEAM),
            Map.entry("POST /api/admin/cases/{caseId}/erasure", EnumSet.of(Caller.ADMIN)),
            Map.entry("POST /api/admin/cases/{caseId}/legal-hold", EnumSet.of(Caller.ADMIN)),
            Map.entry("POST /api/admin/cases/{caseId}/lifted-exclusions", EnumSet.of(Caller.ADMIN)),
            Map.entry("DELETE /api/admin/cases/{caseId}/legal-hold", EnumSet.of(Caller.ADMIN)),
            Map.entry("POST /api/admin/imports", EnumSet.of(Caller.ADMIN)),
            Map.entry("GET /api/admin/imports/{id}", EnumSet.of(Caller.ADMIN)),
            Map.entry("POST /api/admin/organisation/departure", EnumSet.of(Caller.ADMIN)));

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @TestFactory
    Stream<DynamicTest> everyEndpointAskedByEveryCaller() {
        return AccessMatrix.check(http, mappings, ALLOWED);
    }
}
