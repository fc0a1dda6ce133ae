package haven.command.evidence;

import haven.events.CaseId;
import haven.infra.security.Staff;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Staff working on a case add evidence to it: a letter, a photo, a screenshot (multipart, part {@code file}). */
@RestController
class EvidenceController {

    private final EvidenceCheck check;
    private final Evidence evidence;

    EvidenceController(EvidenceCheck check, Evidence evidence) {
        this.check = check;
        this.evidence = evidence;
    }

    @PostMapping("/api/cases/{caseId}/attachments")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> attach(
            @PathVariable CaseId caseId,
            @RequestPart(name = "file", required = false) MultipartFile file,
            Staff staff) {
        return Map.of("fileId", evidence.attach(caseId, check.check(file), staff.id()));
    }
}
