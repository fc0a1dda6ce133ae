package haven.query.caseload;

import haven.events.Outcome;
import haven.events.ReportType;
import haven.events.RiskLevel;
import haven.infra.security.Staff;
import haven.query.caseload.Caseload.CaseloadPage;
import haven.query.caseload.Caseload.Sort;
import haven.query.web.InvalidParameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
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

    /** Open cases (and closed ones written to since), filtered; the page is cut after sorting. */
    @GetMapping("/api/caseload")
    CaseloadPage caseload(
            @RequestParam(required = false) CaseStatus status,
            @RequestParam(required = false) String assignee,
            @RequestParam(required = false) String team,
            @RequestParam(required = false) ReportType type,
            @RequestParam(required = false) RiskLevel risk,
            @RequestParam(required = false) Boolean overdue,
            @RequestParam(required = false) Boolean unread,
            @RequestParam(defaultValue = "DUE") Sort sort,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size,
            Staff staff) {
        return caseload.caseload(
                new Caseload.Filter(status, assignee, team, type, risk, overdue, unread), sort, page, size, staff);
    }

    /** The case with that reference, if the reader may see it: a list of one, or none whether or not it exists. */
    @GetMapping("/api/cases")
    Map<String, List<CaseView>> withReference(@RequestParam String reference, Staff staff) {
        String wellFormed = References.wellFormed(reference)
                .orElseThrow(() -> new InvalidParameter("reference", "must be a reference like HV-7K3M-Q9"));
        return Map.of("cases", caseload.withReference(wellFormed, staff));
    }

    /** Closed cases by the month they closed ({@code 2026-11}), optionally of a type and an outcome. */
    @GetMapping("/api/closed-cases")
    Map<String, List<CaseView>> closed(
            @RequestParam YearMonth month,
            @RequestParam(required = false) ReportType type,
            @RequestParam(required = false) Outcome outcome,
            Staff staff) {
        return Map.of("cases", caseload.closedIn(month, type, outcome, staff));
    }

    @GetMapping("/api/cases/{caseId}")
    CaseView find(@PathVariable String caseId, Staff staff) {
        return caseload.find(caseId, staff);
    }
}
