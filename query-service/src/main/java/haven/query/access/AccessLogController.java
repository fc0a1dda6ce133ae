package haven.query.access;

import haven.infra.security.Staff;
import haven.query.access.AccessLog.Page;
import haven.query.access.AccessLog.Verification;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The data protection officer's view of who read which case. Read only: there is nothing to change. */
@RestController
class AccessLogController {

    private final AccessLog log;

    AccessLogController(AccessLog log) {
        this.log = log;
    }

    @GetMapping("/api/admin/access-log")
    Page accessLog(
            @RequestParam(required = false) String caseId,
            @RequestParam(required = false) String staff,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(500) int size,
            Staff officer) {
        return officer.organisation() == null
                ? new Page(List.of(), page, size)
                : log.entries(officer.organisation(), caseId, staff, page, size);
    }

    /** Whether any entry was removed or changed since it was written: walks the whole chain. */
    @GetMapping("/api/admin/access-log/verify")
    Verification verify() {
        return log.verify();
    }
}
