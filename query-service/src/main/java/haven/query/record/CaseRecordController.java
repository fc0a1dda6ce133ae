package haven.query.record;

import haven.infra.security.Staff;
import haven.query.caseload.Caseload;
import haven.query.caseload.References;
import haven.query.letters.LetterPdf;
import haven.query.record.CaseRecords.CaseRecord;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
class CaseRecordController {

    private final CaseRecords records;
    private final EvidenceDownloads downloads;
    private final Caseload caseload;
    private final LetterPdf pdf;
    private final ReferralBundles bundles;

    CaseRecordController(
            CaseRecords records,
            EvidenceDownloads downloads,
            Caseload caseload,
            LetterPdf pdf,
            ReferralBundles bundles) {
        this.bundles = bundles;
        this.records = records;
        this.downloads = downloads;
        this.caseload = caseload;
        this.pdf = pdf;
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

    /** A letter sent to the reporter, as the PDF they can download; the read is in the access log. */
    @GetMapping("/api/cases/{caseId}/letters/{letterId}/pdf")
    ResponseEntity<byte[]> letter(@PathVariable String caseId, @PathVariable String letterId, Staff staff) {
        String reference = caseload.find(caseId, staff).reference();
        return records.read(caseId, staff)
                .letter(letterId)
                .filter(letter -> letter.text() != null)
                .map(letter -> pdf.download(References.wellFormed(reference).orElse("case"), letter.text()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no such letter."));
    }

    /** A referral as the partner received it, as a PDF: categories and the redacted copy only; the read is logged. */
    @GetMapping("/api/cases/{caseId}/referrals/{referralId}/pdf")
    ResponseEntity<byte[]> referral(@PathVariable String caseId, @PathVariable String referralId, Staff staff) {
        return bundles.download(caseId, referralId, staff);
    }

    /** The caller's own actions not yet done, whether or not they work on those cases; each read is logged. */
    @GetMapping("/api/actions/mine")
    Map<String, List<CaseRecords.OwnedAction>> myActions(Staff staff) {
        return Map.of("actions", records.actionsOwnedBy(staff));
    }
}
