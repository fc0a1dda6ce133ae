package haven.query.pages;

import haven.events.Outcome;
import haven.events.ReportType;
import haven.infra.security.Staff;
import haven.query.caseload.Caseload;
import haven.query.caseload.References;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** Finding a case: by its reference, or among the cases closed in a month. */
@Controller
class FindCasePages {

    /** How far back the month list goes; older months are asked for by URL. */
    private static final int MONTHS_LISTED = 24;

    private final Caseload caseload;
    private final Clock clock;

    FindCasePages(Caseload caseload, Clock clock) {
        this.caseload = caseload;
        this.clock = clock;
    }

    /** Straight to the case when the reader may see it; otherwise one answer, whether or not it exists. */
    @GetMapping("/cases/find")
    ModelAndView find(@RequestParam(defaultValue = "") String reference, Staff staff) {
        var found = References.wellFormed(reference)
                .map(wellFormed -> caseload.withReference(wellFormed, staff))
                .orElse(List.of());
        if (found.size() == 1) {
            return new ModelAndView("redirect:/cases/" + found.get(0).caseId());
        }
        var model = new HashMap<String, Object>();
        model.put(
                "problems",
                Map.of(
                        "reference",
                        References.wellFormed(reference).isEmpty()
                                ? "Enter a reference like HV-7K3M-Q9"
                                : "There is no case you can see with that reference"));
        return new ModelAndView("cases/find", model);
    }

    @GetMapping("/cases/closed")
    ModelAndView closed(
            @RequestParam(required = false) YearMonth month,
            @RequestParam(required = false) ReportType type,
            @RequestParam(required = false) Outcome outcome,
            Staff staff) {
        YearMonth shown = month == null ? YearMonth.now(clock) : month;
        var months = new ArrayList<YearMonth>();
        for (int back = 0; back < MONTHS_LISTED; back++) {
            months.add(YearMonth.now(clock).minusMonths(back));
        }
        if (!months.contains(shown)) {
            months.add(shown);
        }
        var model = new HashMap<String, Object>();
        model.put("cases", caseload.closedIn(shown, type, outcome, staff));
        model.put("month", shown);
        model.put("months", months);
        model.put("types", ReportType.values());
        model.put("outcomes", Outcome.values());
        model.put("type", type == null ? "" : type.name());
        model.put("outcome", outcome == null ? "" : outcome.name());
        return new ModelAndView("cases/closed", model);
    }
}
