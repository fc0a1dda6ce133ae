package haven.query.record;

import haven.infra.privacy.EvidenceFiles;
import haven.infra.security.Staff;
import haven.query.access.AccessLog.View;
import haven.query.caseload.CaseAccess;
import haven.query.caseload.CaseFile;
import haven.query.caseload.References;
import haven.query.record.CaseRecords.EvidenceFile;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * An evidence file, opened for someone who may read its case, and only ever saved, never shown: a
 * file is whatever someone uploaded, so the browser is told not to guess its type, not to run
 * anything in it, and not to keep it. Every download is a read in the access log. Its name is made
 * here from the case's reference and the file's type, never from the name it was uploaded with.
 */
@Component
public class EvidenceDownloads {

    /** The types the command-service accepts, and the extension each is saved with. */
    private static final Map<String, String> EXTENSIONS = Map.of(
            "image/jpeg", "jpg",
            "image/png", "png",
            "image/gif", "gif",
            "image/webp", "webp",
            "image/heic", "heic",
            "application/pdf", "pdf",
            "text/plain", "txt");

    private static final Pattern FILE_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final CaseAccess access;
    private final CaseRecords records;
    private final EvidenceFiles files;

    EvidenceDownloads(CaseAccess access, CaseRecords records, EvidenceFiles files) {
        this.access = access;
        this.records = records;
        this.files = files;
    }

    /** As if there were no such file when the case may not be read, the file is not the case's, or it was erased. */
    public ResponseEntity<byte[]> download(String caseId, String fileId, Staff staff) {
        if (!FILE_ID.matcher(fileId).matches()) {
            throw noSuchFile();
        }
        CaseFile granted = access.caseFile(caseId, staff, View.EVIDENCE);
        EvidenceFile listed = records.read(granted).evidence().stream()
                .filter(file -> file.id().equals(fileId))
                .findFirst()
                .orElseThrow(EvidenceDownloads::noSuchFile);
        byte[] content = files.open(caseId, fileId).orElseThrow(EvidenceDownloads::noSuchFile);
        String extension = EXTENSIONS.get(listed.type());
        String reference = References.wellFormed(granted.reference()).orElse("case");
        return ResponseEntity.ok()
                .contentType(
                        extension == null
                                ? MediaType.APPLICATION_OCTET_STREAM
                                : MediaType.parseMediaType(listed.type()))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(reference + "-evidence-" + fileId.substring(0, 8) + "."
                                        + (extension == null ? "bin" : extension))
                                .build()
                                .toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .cacheControl(CacheControl.noStore())
                .body(content);
    }

    private static ResponseStatusException noSuchFile() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no such file on this case.");
    }
}
