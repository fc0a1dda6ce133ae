package haven.query.record;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.mongodb.client.MongoDatabase;
import haven.events.CaseId;
import haven.events.CaseworkerAssigned;
import haven.events.Category;
import haven.events.ContactPreference;
import haven.events.EvidenceAttached;
import haven.events.LocationType;
import haven.events.ReportSubmitted;
import haven.events.ReportType;
import haven.events.ReporterRole;
import haven.infra.privacy.EvidenceFiles;
import haven.infra.privacy.PersonalDataKeys;
import haven.infra.security.Role;
import haven.infra.security.TestTokens;
import haven.query.CaseStream;
import haven.query.PageLogin;
import haven.query.QueryServiceTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * An evidence file is listed on the case and downloaded, never shown, by those who may read the case;
 * each download is in the access log; anyone else, another case's file, or an erased case finds nothing.
 */
@QueryServiceTest(database = "caseload-tests")
class EvidenceDownloadTest {

    static final byte[] LETTER =
            "%PDF-1.4\nA letter from the depot manager\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @Autowired
    MockMvc http;

    @Autowired
    EventStore events;

    @Autowired
    EvidenceFiles files;

    @Autowired
    PersonalDataKeys keys;

    @Autowired
    MongoDatabase havenDatabase;

    @Test
    void theCaseworkerDownloadsTheFileAsAnAttachmentAndTheReadIsLogged() throws Exception {
        String team = "team-" + UUID.randomUUID();
        var c = new CaseStream(events);
        String caseId = c.caseId().value();
        String fileId = UUID.randomUUID().toString();
        c.append(submitted(c.caseId()));
        c.append(new CaseworkerAssigned(c.caseId(), "cw.patel", team, "mgr.jones"));
        files.store(caseId, fileId, LETTER);
        c.append(new EvidenceAttached(
                c.caseId(), fileId, "Letter about Mr Smith.pdf", "application/pdf", LETTER.length, null));
        String caseworker = TestTokens.bearer("cw.patel", team, Role.CASEWORKER);
        String download = "/api/cases/" + caseId + "/attachments/" + fileId;

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> http.perform(
                                get("/api/cases/" + caseId + "/record").header("Authorization", caseworker))
                        .andExpect(jsonPath("$.evidence[0].name").value("Letter about Mr Smith.pdf"))
                        .andExpect(jsonPath("$.evidence[0].addedBy").value("reporter")));

        http.perform(get(download).header("Authorization", caseworker))
                .andExpect(status().isOk())
                .andExpect(content().bytes(LETTER))
                .andExpect(content().contentType("application/pdf"))
                .andExpect(header().string(
                                "Content-Disposition",
                                "attachment; filename=\"HV-EVDN-22-evidence-" + fileId.substring(0, 8) + ".pdf\""))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Cache-Control", "no-store"));
        assertThat(logged(caseId, "READ")).isEqualTo(1);

        // the page offers it for download, and the page's own address gives the same file
        assertThat(http.perform(get("/cases/" + caseId).with(PageLogin.as("cw.patel", team, Role.CASEWORKER)))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("Letter about Mr Smith.pdf", "/cases/" + caseId + "/attachments/" + fileId, "The reporter");
        http.perform(get("/cases/" + caseId + "/attachments/" + fileId)
                        .with(PageLogin.as("cw.patel", team, Role.CASEWORKER)))
                .andExpect(status().isOk())
                .andExpect(content().bytes(LETTER));
    }

    @Test
    void nobodyElseFindsItNorAnotherCasesFileNorAnErasedOne() throws Exception {
        String team = "team-" + UUID.randomUUID();
        var c = new CaseStream(events);
        var other = new CaseStream(events);
        String caseId = c.caseId().value();
        String fileId = UUID.randomUUID().toString();
        String othersFile = UUID.randomUUID().toString();
        c.append(submitted(c.caseId()));
        c.append(new CaseworkerAssigned(c.caseId(), "cw.patel", team, "mgr.jones"));
        other.append(submitted(other.caseId()));
        files.store(caseId, fileId, LETTER);
        files.store(other.caseId().value(), othersFile, LETTER);
        c.append(new EvidenceAttached(c.caseId(), fileId, "letter.pdf", "application/pdf", LETTER.length, "cw.patel"));
        other.append(
                new EvidenceAttached(other.caseId(), othersFile, "theirs.pdf", "application/pdf", LETTER.length, null));
        String caseworker = TestTokens.bearer("cw.patel", team, Role.CASEWORKER);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> http.perform(get("/api/cases/" + caseId + "/attachments/" + fileId)
                                .header("Authorization", caseworker))
                        .andExpect(status().isOk()));

        http.perform(get("/api/cases/" + caseId + "/attachments/" + fileId)
                        .header("Authorization", TestTokens.bearer("cw.lee", "elsewhere", Role.CASEWORKER)))
                .andExpect(status().isNotFound());
        assertThat(logged(caseId, "REFUSED")).isEqualTo(1);
        for (String notThisCasesFile : List.of(othersFile, "not-a-file-id", "00000000-0000-0000-0000-000000000000")) {
            http.perform(get("/api/cases/" + caseId + "/attachments/" + notThisCasesFile)
                            .header("Authorization", caseworker))
                    .andExpect(status().isNotFound());
        }

        keys.destroy(caseId);
        http.perform(get("/api/cases/" + caseId + "/attachments/" + fileId).header("Authorization", caseworker))
                .andExpect(status().isNotFound());
    }

    private long logged(String caseId, String outcome) {
        return havenDatabase
                .getCollection("access_log")
                .countDocuments(and(eq("caseId", caseId), eq("view", "EVIDENCE"), eq("outcome", outcome)));
    }

    private static ReportSubmitted submitted(CaseId caseId) {
        return new ReportSubmitted(
                caseId,
                "HV-EVDN-22",
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
