package haven.query.pages;

import haven.infra.council.Partnership;
import haven.infra.security.Staff;
import haven.query.reporter.CentreReports;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** A reporting centre's page: record a report for someone, and see where the reports it recorded stand. */
@Controller
class CentrePages {

    private final CentreReports reports;
    private final Partnership partnership;

    CentrePages(CentreReports reports, Partnership partnership) {
        this.reports = reports;
        this.partnership = partnership;
    }

    @GetMapping("/centre")
    String reports(Model model) {
        var centre = reports.centreOf(Staff.current(partnership).orElseThrow());
        model.addAttribute("centre", centre.name());
        model.addAttribute("reports", reports.of(centre.id()));
        return "centre/reports";
    }
}
