package haven.query.record;

import haven.infra.security.Staff;
import haven.query.record.CaseRecords.CaseRecord;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class CaseRecordController {

    private final CaseRecords records;
    private final EvidenceDownloads downloads;

    CaseRecordController(CaseRecords records, EvidenceDownloads downloads) {
        this.records = records;
        this.downloads = downloads;
    }

    /** The report, notes, actions, messages and resolution, opened; every read is in the access log. */
    @GetMapping("/api/cases/{caseId}/record")
    CaseRecord record(@PathVariable String caseId, Staff staff) {
        return records.read(caseId, staff);
    }

    /** An evidence file, as a download; every download is in the access log. */
    @GetMapping("/api/cases/{caseId}/attachments/{fileId}")
    ResponseEntity<byte[]> evidence(@PathVariable String caseId, @PathVariable String fileId, Staff staff) {
        return downloads.download(caseId, fileId, staff);
    }

    /** The caller's own actions not yet done, whether or not they work on those cases; each read is logged. */
    @GetMapping("/api/actions/mine")
    Map<String, List<CaseRecords.OwnedAction>> myActions(Staff staff) {
        return Map.of("actions", records.actionsOwnedBy(staff));
    }
}
