package haven.command.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import haven.command.ApiTest;
import haven.infra.privacy.EvidenceFiles;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.ResultActions;

/** Evidence is added by staff and by the reporter; anything that is not what it says, or too big, is refused whole. */
@TestPropertySource(properties = "haven.evidence.max-file-size=64KB")
class EvidenceApiTest extends ApiTest {

    /** A real 1x1 PNG. */
    static final byte[] PNG = Base64.getDecoder()
            .decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    static final byte[] PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @Autowired
    EvidenceFiles files;

    @Test
    void aCaseworkerAddsALetterAndItIsStoredSealedAndRecorded() throws Exception {
        String caseId = caseIdOfNewReport();

        String fileId = json.readTree(upload(caseId, file("Letter from Mr Smith.pdf", PDF))
                        .andExpect(status().isCreated())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("fileId")
                .asText();

        assertThat(eventsOf(caseId)).endsWith("EvidenceAttached");
        var attached = storedEventsOf(database, caseId)
                .get(storedEventsOf(database, caseId).size() - 1);
        assertThat(attached.getString("payload"))
                .contains("application/pdf")
                .doesNotContain("Mr Smith"); // the name is sealed with the case's key
        assertThat(files.open(caseId, fileId))
                .hasValueSatisfying(read -> assertThat(read).isEqualTo(PDF));
    }

    @Test
    void aReporterAddsAPhotoWithTheirReferenceAndReceiptEvenAfterClosure() throws Exception {
        JsonNode receipt = submitAnonymousReport();
        String caseId = receipt.get("caseId").asText();

        postJson("/api/cases/" + caseId + "/triage", """
                {"category": "VERBAL_ABUSE", "risk": "LOW", "route": "INFORMAL_RESOLUTION"}""").andExpect(status().isAccepted());
        postJson("/api/cases/" + caseId + "/resolution", """
                {"outcome": "RESOLVED_INFORMALLY", "summary": "Spoke to the driver"}""").andExpect(status().isAccepted());
        postJson("/api/cases/" + caseId + "/closure", "").andExpect(status().isNoContent());

        reporterUpload(receipt.get("reference").asText(), receipt.get("receipt").asText(), file("bus.png", PNG))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.fileId").exists());
        reporterUpload(receipt.get("reference").asText(), "0000-0000-0000-0000", file("bus.png", PNG))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:haven:problem:reference-not-recognised"));

        assertThat(eventsOf(caseId)).filteredOn("EvidenceAttached"::equals).hasSize(1);
        assertThat(database.getCollection(EvidenceFiles.FILES).countDocuments(filesOf(caseId)))
                .isEqualTo(1);
    }

    @Test
    void disguisedFilesAreRefusedNamingTheFieldAndNothingIsStored() throws Exception {
        String caseId = caseIdOfNewReport();
        long filesBefore = database.getCollection(EvidenceFiles.FILES).countDocuments();
        var disguised = new MockMultipartFile[] {
            file("holiday.jpg", "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8)),
            file("statement.pdf", "MZ\u0090\u0000\u0003\u0000\u0000\u0000".getBytes(StandardCharsets.ISO_8859_1)),
            file("screenshot.pdf", PNG),
            file("noextension", PNG),
            file("empty.png", new byte[0]),
            file("drawing.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8))
        };
        for (var refused : disguised) {
            upload(caseId, refused)
                    .andExpect(status().isBadRequest())
                    .andExpect(header().string("Content-Type", "application/problem+json"))
                    .andExpect(jsonPath("$.errors[*].field", Matchers.contains("file")))
                    .andExpect(
                            jsonPath("$.detail", Matchers.not(Matchers.containsString(refused.getOriginalFilename()))));
        }
        upload(caseId, new MockMultipartFile("attachment", "bus.png", "image/png", PNG))
                .andExpect(status().isBadRequest());

        assertThat(eventsOf(caseId)).doesNotContain("EvidenceAttached");
        assertThat(database.getCollection(EvidenceFiles.FILES).countDocuments()).isEqualTo(filesBefore);
    }

    @Test
    void aFileOverTheLimitIsRefusedWith413NamingTheField() throws Exception {
        String caseId = caseIdOfNewReport();
        byte[] large = new byte[65 * 1024];
        System.arraycopy(PDF, 0, large, 0, PDF.length);

        upload(caseId, file("scan.pdf", large))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.errors[0].field").value("file"));

        assertThat(eventsOf(caseId)).doesNotContain("EvidenceAttached");
    }

    @Test
    void aFileTheCaseRefusesIsNotLeftInTheStore() throws Exception {
        String caseId = caseIdOfNewReport();
        long filesBefore = database.getCollection(EvidenceFiles.FILES).countDocuments();

        // someone who does not work on the case: as if there were no such case, and nothing kept
        upload(
                        caseId,
                        file("bus.png", PNG),
                        haven.infra.security.TestTokens.bearer("cw.other", "hr", haven.infra.security.Role.CASEWORKER))
                .andExpect(status().isNotFound());
        upload("no-such-case", file("bus.png", PNG)).andExpect(status().isNotFound());

        assertThat(database.getCollection(EvidenceFiles.FILES).countDocuments()).isEqualTo(filesBefore);
    }

    private static org.bson.conversions.Bson filesOf(String caseId) {
        return com.mongodb.client.model.Filters.eq("filename", caseId);
    }

    private static MockMultipartFile file(String name, byte[] content) {
        return new MockMultipartFile("file", name, "application/octet-stream", content);
    }

    private ResultActions upload(String caseId, MockMultipartFile file) throws Exception {
        return upload(caseId, file, MANAGER);
    }

    private ResultActions upload(String caseId, MockMultipartFile file, String bearer) throws Exception {
        return http.perform(
                multipart("/api/cases/{caseId}/attachments", caseId).file(file).header("Authorization", bearer));
    }

    private ResultActions reporterUpload(String reference, String receipt, MockMultipartFile file) throws Exception {
        return http.perform(multipart("/api/reporter/attachments")
                .file(file)
                .param("reference", reference)
                .param("receipt", receipt));
    }
}
