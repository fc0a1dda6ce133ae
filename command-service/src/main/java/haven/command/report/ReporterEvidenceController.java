package haven.command.report;

import haven.command.evidence.Evidence;
import haven.command.evidence.EvidenceCheck;
import haven.command.requests.InvalidField;
import haven.command.requests.InvalidRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** A reporter adds a file to their report with their reference and receipt (multipart: reference, receipt, file). */
@RestController
class ReporterEvidenceController {

    private final ReporterAccess access;
    private final EvidenceCheck check;
    private final Evidence evidence;

    ReporterEvidenceController(ReporterAccess access, EvidenceCheck check, Evidence evidence) {
        this.access = access;
        this.check = check;
        this.evidence = evidence;
    }

    /** The receipt is checked before the file is, so that nobody learns anything about a report without it. */
    @PostMapping("/api/reporter/attachments")
    ResponseEntity<?> attach(
            @RequestParam(defaultValue = "") String reference,
            @RequestParam(defaultValue = "") String receipt,
            @RequestPart(name = "file", required = false) MultipartFile file,
            HttpServletRequest request) {
        var missing = new ArrayList<InvalidField>();
        if (reference.isBlank()) {
            missing.add(new InvalidField("reference", "must not be blank"));
        }
        if (receipt.isBlank()) {
            missing.add(new InvalidField("receipt", "must not be blank"));
        }
        InvalidRequest.rejectIfAny(missing);
        if (reference.length() > 40 || receipt.length() > 40) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ReporterMessageController.notRecognised());
        }
        return access.open(reference, receipt, request.getRemoteAddr())
                .<ResponseEntity<?>>map(caseId -> ResponseEntity.accepted()
                        .body(Map.of("fileId", evidence.attach(caseId, check.check(file), null))))
                .orElseGet(() ->
                        ResponseEntity.status(HttpStatus.NOT_FOUND).body(ReporterMessageController.notRecognised()));
    }
}
