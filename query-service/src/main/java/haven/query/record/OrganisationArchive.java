package haven.query.record;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import haven.infra.council.Partnership;
import haven.infra.security.Staff;
import haven.query.caseload.CaseAccess;
import haven.query.caseload.CaseFile;
import haven.query.timeline.Timelines;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The archive an organisation takes with it when it leaves the partnership: every case it holds,
 * each as one JSON file (its file, record and timeline), and a README that says what every field
 * is. Made for the organisation's data protection officer only, while it is leaving; each case's
 * export is in the access log. Erased cases are in it too, with their personal data empty.
 */
@Component
public class OrganisationArchive {

    /** One case as the archive holds it. */
    public record ArchivedCase(CaseFile file, CaseRecords.CaseRecord record, List<Timelines.Entry> timeline) {}

    private final CaseAccess access;
    private final CaseRecords records;
    private final Timelines timelines;
    private final Partnership partnership;
    private final Clock clock;
    private final ObjectMapper json = Jackson2ObjectMapperBuilder.json()
            .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .featuresToEnable(SerializationFeature.INDENT_OUTPUT)
            .build();

    OrganisationArchive(
            CaseAccess access, CaseRecords records, Timelines timelines, Partnership partnership, Clock clock) {
        this.access = access;
        this.records = records;
        this.timelines = timelines;
        this.partnership = partnership;
        this.clock = clock;
    }

    /** Checks that the officer may have the archive (its export is logged case by case), then writes it as a ZIP. */
    public Writing prepare(Staff officer) {
        var organisation = partnership.organisation(officer.organisation()).orElseThrow();
        List<CaseFile> files = access.archiveOf(officer);
        return new Writing("haven-" + organisation.id() + "-cases.zip", out -> {
            try (var zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
                zip.putNextEntry(new ZipEntry("README.txt"));
                zip.write(readme(organisation.name(), officer.id(), files.size()));
                zip.closeEntry();
                for (CaseFile file : files) {
                    var archived = new ArchivedCase(
                            file, records.read(file), timelines.timeline(file).entries());
                    // named by the case id, whose shape is known; the reference is inside
                    zip.putNextEntry(new ZipEntry("cases/" + file.caseId() + ".json"));
                    zip.write(json.writeValueAsBytes(archived));
                    zip.closeEntry();
                }
            }
        });
    }

    /** The archive's file name (the organisation's id, from the partnership's files) and its content. */
    public record Writing(String fileName, Content content) {

        /** A download, streamed as it is made. */
        public ResponseEntity<StreamingResponseBody> download() {
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType("application/zip"))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"")
                    .body(content::writeTo);
        }
    }

    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private byte[] readme(String organisation, String officer, int cases) {
        try (InputStream in = getClass().getResourceAsStream("/haven/archive/README.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // fixed placeholders, replaced as plain text: nothing here is evaluated
            return text.replace("{organisation}", organisation)
                    .replace("{madeAt}", clock.instant().toString())
                    .replace("{madeBy}", officer)
                    .replace("{cases}", Integer.toString(cases))
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
