package haven.query.reporter;

import haven.infra.security.Staff;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A reporting centre's own reports: where each stands, nothing more. */
@RestController
class CentreReportsController {

    private final CentreReports reports;

    CentreReportsController(CentreReports reports) {
        this.reports = reports;
    }

    @GetMapping("/api/centre/reports")
    List<CentreReports.Recorded> reports(Staff member) {
        return reports.of(reports.centreOf(member).id());
    }
}
