package haven.query.caseload;

import haven.events.ReportType;
import haven.events.RiskLevel;
import haven.infra.security.Staff;
import haven.query.caseload.Caseload.CaseloadPage;
import haven.query.caseload.Caseload.Sort;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class CaseloadController {

    private final Caseload caseload;

    CaseloadController(Caseload caseload) {
        this.caseload = caseload;
    }

    /** Open cases only; a closed case is found by its id. Filters combine; the page is cut after sorting. */
    @GetMapping("/api/caseload")
    CaseloadPage caseload(
            @RequestParam(required = false) CaseStatus status,
            @RequestParam(required = false) String assignee,
            @RequestParam(required = false) String team,
            @RequestParam(required = false) ReportType type,
            @RequestParam(required = false) RiskLevel risk,
            @RequestParam(required = false) Boolean overdue,
            @RequestParam(defaultValue = "DUE") Sort sort,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size,
            Staff staff) {
        return caseload.caseload(status, assignee, team, type, risk, overdue, sort, page, size, staff);
    }

    @GetMapping("/api/cases/{caseId}")
    CaseView find(@PathVariable String caseId, Staff staff) {
        return caseload.find(caseId, staff);
    }
}
