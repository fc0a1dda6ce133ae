package haven.query.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import haven.events.ReportRoutedToTeam;
import haven.infra.security.Role;
import haven.infra.security.TestTokens;
import haven.query.CaseStream;
import haven.query.QueryServiceTest;
import haven.query.Reports;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipInputStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The housing association is leaving the demo partnership: its officer downloads every case it
 * holds, with all that was reported and written, and nobody else's; each case's export is in its
 * access log. Nobody else can have such an archive.
 */
@QueryServiceTest(
        database = "archive-tests",
        properties = "haven.partnership=classpath:/haven/leaving-partnership/partnership.yml")
class OrganisationArchiveTest {

    static final String HOMES_OFFICER = TestTokens.bearerOf("castle-homes", "dpo.ali", null, Role.ADMIN);
    static final String HOMES_MANAGER = TestTokens.bearerOf("castle-homes", "hm.ali", "people", Role.CASE_MANAGER);
    static final String COUNCIL_OFFICER = TestTokens.bearerOf("castle-council", "dpo.smith", null, Role.ADMIN);

    @Autowired
    MockMvc http;

    @Autowired
    EventStore events;

    @Test
    void theOfficerOfAPartnerLeavingDownloadsAllItsCasesAndOnlyThose() throws Exception {
        var homes = new CaseStream(events);
        homes.append(Reports.bullyingAtWork(homes.caseId(), "HV-HOME-01", "castle-homes"))
                .append(new ReportRoutedToTeam(homes.caseId(), "people", "castle-homes"));
        var council = new CaseStream(events);
        council.append(Reports.bullyingAtWork(council.caseId(), "HV-CNCL-01", "castle-council"))
                .append(new ReportRoutedToTeam(council.caseId(), "equality", "castle-council"));
        String id = homes.caseId().value();

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(archive(HOMES_OFFICER)).containsKey("cases/" + id + ".json"));

        Map<String, String> archive = archive(HOMES_OFFICER);
        assertThat(archive).containsOnlyKeys("README.txt", "cases/" + id + ".json");
        assertThat(archive.get("README.txt"))
                .contains("Haven: the cases of Castle Homes housing association", "It holds 1 case(s)", "dpo.ali");
        assertThat(archive.get("cases/" + id + ".json"))
                .contains("\"reference\" : \"HV-HOME-01\"", "My manager shouts at me in meetings", "J. Jones")
                .doesNotContain(council.caseId().value());

        http.perform(get("/api/admin/access-log").param("caseId", id).header("Authorization", HOMES_OFFICER))
                .andExpect(jsonPath("$.entries[?(@.view == 'ARCHIVE' && @.staff == 'dpo.ali')]")
                        .exists());

        // the council is not leaving: its officer has no archive to take; a case manager never has one
        http.perform(get("/api/admin/organisation/archive").header("Authorization", COUNCIL_OFFICER))
                .andExpect(status().isConflict());
        http.perform(get("/api/admin/organisation/archive").header("Authorization", HOMES_MANAGER))
                .andExpect(status().isForbidden());
    }

    /** The archive's files by name, as text. */
    private Map<String, String> archive(String bearer) throws Exception {
        var started = http.perform(get("/api/admin/organisation/archive").header("Authorization", bearer))
                .andReturn();
        var response = http.perform(asyncDispatch(started))
                .andExpect(status().isOk())
                .andExpect(
                        header().string("Content-Disposition", "attachment; filename=\"haven-castle-homes-cases.zip\""))
                .andReturn()
                .getResponse();
        return unzip(response.getContentAsByteArray());
    }

    private static Map<String, String> unzip(byte[] zip) throws IOException {
        var files = new LinkedHashMap<String, String>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }
}
