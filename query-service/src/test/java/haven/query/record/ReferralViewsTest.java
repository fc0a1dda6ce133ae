package haven.query.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import haven.events.CaseReferred;
import haven.events.CaseTriaged;
import haven.events.Category;
import haven.events.LocationType;
import haven.events.Motivation;
import haven.events.ProtectedCharacteristic;
import haven.events.RedactionMade;
import haven.events.ReferralBasis;
import haven.events.ReferralReceived;
import haven.events.ReportRoutedToTeam;
import haven.events.ReportType;
import haven.events.RiskLevel;
import haven.events.Route;
import haven.infra.security.Role;
import haven.infra.security.TestTokens;
import haven.query.CaseStream;
import haven.query.QueryServiceTest;
import haven.query.Reports;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A referral from the council to the police, as each side reads it: the police see a case of their
 * own with only what was shared and who referred it; the council see the redacted copy they made,
 * that they referred it, to whom and on what basis, and the bundle the police received; neither
 * sees the other's case.
 */
@QueryServiceTest(database = "referral-views-tests", properties = "haven.partnership=demo")
class ReferralViewsTest {

    static final String COUNCIL_MANAGER =
            TestTokens.bearerOf("castle-council", "mgr.jones", "equality", Role.CASE_MANAGER);
    static final String POLICE_MANAGER =
            TestTokens.bearerOf("castle-police", "sgt.evans", "hate-crime-unit", Role.CASE_MANAGER);
    static final String SHARED = "█████████ from ████████ threatened me";
    static final String SHARED_NOTE = "Spoke to █████████'s landlord";

    @Autowired
    MockMvc http;

    @Autowired
    EventStore events;

    @Test
    void eachSideSeesItsOwnCaseAndTheFactOfTheLink() throws Exception {
        var council = new CaseStream(events);
        var referral = new CaseReferred(
                council.caseId(),
                "r-1",
                "castle-council",
                "castle-police",
                ReferralBasis.CONSENT,
                null,
                ReportType.DIGNITY_AT_WORK,
                Category.BULLYING,
                LocalDate.parse("2026-09-30"),
                LocationType.WORKPLACE,
                Set.of(Motivation.RACE),
                SHARED,
                26,
                "mgr.jones",
                "x-1",
                List.of(SHARED_NOTE));
        council.append(Reports.bullyingAtWork(council.caseId(), "HV-RFRM-23", "castle-council"))
                .append(new ReportRoutedToTeam(council.caseId(), "equality", "castle-council"))
                .append(new RedactionMade(
                        council.caseId(), "x-1", SHARED, List.of(SHARED_NOTE), 26, "His name and address", "mgr.jones"))
                .append(referral);
        var police = new CaseStream(events);
        police.append(new ReferralReceived(
                        police.caseId(),
                        "HV-RFRL-02",
                        "castle-council",
                        "r-1",
                        ReportType.DIGNITY_AT_WORK,
                        Category.BULLYING,
                        LocalDate.parse("2026-09-30"),
                        LocationType.WORKPLACE,
                        Set.of(Motivation.RACE),
                        SHARED,
                        "castle-police",
                        List.of(SHARED_NOTE)))
                .append(new ReportRoutedToTeam(police.caseId(), "hate-crime-unit", "castle-police"))
                // staff triage it as any case; the incident is still counted once, where it was reported
                .append(new CaseTriaged(
                        police.caseId(),
                        Category.BULLYING,
                        Set.of(ProtectedCharacteristic.RACE),
                        Set.of(),
                        RiskLevel.LOW,
                        Route.INFORMAL_RESOLUTION,
                        LocalDate.parse("2026-10-05"),
                        LocalDate.parse("2026-12-01"),
                        "sgt.evans",
                        null));
        String policeCase = "/api/cases/" + police.caseId().value();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> http.perform(get(policeCase + "/timeline").header("Authorization", POLICE_MANAGER))
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$.entries[1].what").exists()));

        http.perform(get(policeCase + "/record").header("Authorization", POLICE_MANAGER))
                .andExpect(jsonPath("$.report.narrative").value(SHARED))
                .andExpect(jsonPath("$.report.sharedNotes[0]").value(SHARED_NOTE));
        http.perform(get(policeCase + "/timeline").header("Authorization", POLICE_MANAGER))
                .andExpect(jsonPath("$.entries[0].what")
                        .value("Referral received from Castle District Council: dignity at work, bullying;"
                                + " the reporter follows it up with them"));
        http.perform(get(policeCase).header("Authorization", COUNCIL_MANAGER)).andExpect(status().isNotFound());

        String councilCase = "/api/cases/" + council.caseId().value();
        http.perform(get(councilCase + "/timeline").header("Authorization", COUNCIL_MANAGER))
                .andExpect(jsonPath("$.entries[1].what")
                        .value("Redacted copy made for sharing: the narrative and 1 note(s), 26 characters hidden"))
                .andExpect(jsonPath("$.entries[2].what")
                        .value("Referred to Castleshire Police with the reporter's consent;"
                                + " a redacted copy shared, 26 characters hidden"));
        http.perform(get(councilCase + "/record").header("Authorization", COUNCIL_MANAGER))
                .andExpect(jsonPath("$.redactions[0].narrative").value(SHARED))
                .andExpect(jsonPath("$.redactions[0].reason").value("His name and address"))
                .andExpect(jsonPath("$.redactions[0].madeBy").value("mgr.jones"))
                .andExpect(jsonPath("$.referrals[0].to").value("castle-police"))
                .andExpect(jsonPath("$.referrals[0].notes[0]").value(SHARED_NOTE));

        // the bundle holds what the police received: the categories and the redacted copy, never a hidden word
        byte[] bundle = http.perform(get(councilCase + "/referrals/r-1/pdf").header("Authorization", COUNCIL_MANAGER))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf"))
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"HV-RFRM-23-referral.pdf\""))
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        try (var document = Loader.loadPDF(bundle)) {
            assertThat(new PDFTextStripper().getText(document))
                    .contains(
                            "Referral from Castle District Council to Castleshire Police",
                            "HV-RFRM-23",
                            "the reporter's",
                            "Bullying",
                            "threatened me",
                            "s landlord")
                    .doesNotContain("█", "His name and address");
        }
        http.perform(get(councilCase + "/referrals/r-2/pdf").header("Authorization", COUNCIL_MANAGER))
                .andExpect(status().isNotFound());
        http.perform(get(councilCase + "/referrals/r-1/pdf").header("Authorization", POLICE_MANAGER))
                .andExpect(status().isNotFound());
        http.perform(get(councilCase).header("Authorization", POLICE_MANAGER)).andExpect(status().isNotFound());
        http.perform(get("/api/caseload").header("Authorization", POLICE_MANAGER))
                .andExpect(jsonPath("$.cases[0].reference").value("HV-RFRL-02"));
        // no view stumbled on the referral (the trends leave it uncounted rather than failing on it)
        http.perform(get("/api/admin/dead-letters")
                        .header("Authorization", TestTokens.bearerOf("castle-council", "dpo.smith", null, Role.ADMIN)))
                .andExpect(jsonPath("$").isEmpty());
    }
}
