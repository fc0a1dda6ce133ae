package haven.query.caseload;

import haven.infra.security.Staff;
import haven.query.caseload.RetentionDue.DueCases;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class RetentionDueController {

    private final RetentionDue retention;

    RetentionDueController(RetentionDue retention) {
        this.retention = retention;
    }

    @GetMapping("/api/admin/retention/due")
    DueCases due(Staff officer) {
        return retention.due(officer);
    }
}
