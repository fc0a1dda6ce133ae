package haven.query.access;

import haven.query.access.AccessLog.Entry;
import haven.query.access.AccessLog.Verification;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The data protection officer's view of who read which case. Read only: there is nothing to change. */
@RestController
public class AccessLogController {

    public record AccessLogPage(List<Entry> entries, int page, int size) {
    }

    private final AccessLog log;

    AccessLogController(AccessLog log) {
        this.log = log;
    }

    @GetMapping("/api/admin/access-log")
    public AccessLogPage accessLog(
            @RequestParam(required = false) String caseId,
            @RequestParam(required = false) String staff,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(500) int size) {
        return new AccessLogPage(log.entries(caseId, staff, page, size), page, size);
    }

    /** Whether any entry was removed or changed since it was written: walks the whole chain. */
    @GetMapping("/api/admin/access-log/verify")
    public Verification verify() {
        return log.verify();
    }
}
