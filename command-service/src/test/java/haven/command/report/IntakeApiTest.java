package haven.command.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import haven.command.ApiTest;
import haven.events.IntakeChannel;
import haven.events.ReportRecordedOnBehalf;
import haven.events.ReportSubmitted;
import haven.infra.security.Role;
import haven.infra.security.TestTokens;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Reports recorded for someone by a member of staff or a reporting centre: the person's own choices
 * kept apart from the recorder's, the person given a reference and receipt that work for them.
 */
class IntakeApiTest extends ApiTest {

    static final String CENTRE = TestTokens.bearer("vol.okoro", "central-library", Role.REPORTING_CENTRE);
    static final String CASEWORKER = TestTokens.bearer("cw.patel", "equality", Role.CASEWORKER);
    /** The person agreed to sharing; asked for their name, they stayed anonymous. */
    static final String REPORT = ANONYMOUS_REPORT.replace("\"consentToShare\": false", "\"consentToShare\": true");

    @Autowired
    EventStore events;

    @Test
    void aCaseworkerRecordsAPhoneReportAndThePersonFollowsItUpThemselves() throws Exception {
        var receipt = json.readTree(postJson("/api/intake/reports", """
                        {"report": %s, "channel": "PHONE", "recorderMayBeContacted": false}""".formatted(REPORT), CASEWORKER)
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString());
        String caseId = receipt.get("caseId").asText();

        var stored = payloads(caseId);
        assertThat(stored.get(0))
                .isInstanceOfSatisfying(
                        ReportSubmitted.class,
                        report -> assertThat(report.consentToShare())
                                .as("the person's own consent")
                                .isTrue());
        assertThat(stored.get(1))
                .isEqualTo(new ReportRecordedOnBehalf(
                        new haven.events.CaseId(caseId), IntakeChannel.PHONE, "cw.patel", null, false));

        postJson(
                        "/api/reporter/messages",
                        """
                {"reference": "%s", "receipt": "%s", "text": "I remembered the bus number: 42"}""".formatted(
                                        receipt.get("reference").asText(),
                                        receipt.get("receipt").asText()),
                        "")
                .andExpect(status().isAccepted());
    }

    @Test
    void aReportingCentreRecordsThroughItselfOnly() throws Exception {
        var receipt = json.readTree(postJson("/api/intake/reports", """
                        {"report": %s, "recorderMayBeContacted": true}""".formatted(ANONYMOUS_REPORT), CENTRE)
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString());
        String caseId = receipt.get("caseId").asText();
        assertThat(payloads(caseId).get(1))
                .isEqualTo(new ReportRecordedOnBehalf(
                        new haven.events.CaseId(caseId),
                        IntakeChannel.REPORTING_CENTRE,
                        "vol.okoro",
                        "central-library",
                        true));

        postJson("/api/intake/reports", """
                        {"report": %s, "channel": "PHONE", "recorderMayBeContacted": true}""".formatted(ANONYMOUS_REPORT), CENTRE)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("channel"));
        String elsewhere = TestTokens.bearer("vol.okoro", "no-such-centre", Role.REPORTING_CENTRE);
        postJson("/api/intake/reports", """
                        {"report": %s, "recorderMayBeContacted": true}""".formatted(ANONYMOUS_REPORT), elsewhere)
                .andExpect(status().isForbidden());
        // a centre works on no case
        postJson("/api/cases/" + caseId + "/notes", """
                {"text": "A note"}""", CENTRE).andExpect(status().isForbidden());
    }

    @Test
    void whatIsMissingOrWrongIsNamedAndNothingIsStored() throws Exception {
        long before = storedEventCount();
        postJson("/api/intake/reports", """
                        {"report": %s, "recorderMayBeContacted": true}""".formatted(ANONYMOUS_REPORT), CASEWORKER)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("channel"));
        postJson("/api/intake/reports", """
                        {"report": %s, "channel": "ONLINE", "recorderMayBeContacted": true}""".formatted(ANONYMOUS_REPORT), CASEWORKER)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("channel"));
        postJson("/api/intake/reports", """
                        {"report": %s, "channel": "LETTER"}""".formatted(ANONYMOUS_REPORT), CASEWORKER)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("recorderMayBeContacted"));
        postJson(
                        "/api/intake/reports",
                        """
                        {"report": %s, "channel": "LETTER", "recorderMayBeContacted": true}""".formatted(ANONYMOUS_REPORT.replace("\"area\": \"CASTLE\"", "\"area\": \"MOON\"")),
                        CASEWORKER)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("report.area"));
        postJson(
                        "/api/intake/reports",
                        """
                        {"report": %s, "channel": "PHONE", "recorderMayBeContacted": true}""".formatted(ANONYMOUS_REPORT),
                        TestTokens.bearer("rep.khan", null, Role.REPORTER))
                .andExpect(status().isForbidden());
        assertThat(storedEventCount()).isEqualTo(before);
    }

    private List<Object> payloads(String caseId) {
        var payloads = new ArrayList<Object>();
        events.readEvents(caseId).asStream().forEach(event -> payloads.add(event.getPayload()));
        return payloads;
    }
}
