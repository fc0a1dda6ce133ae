package haven.query.pages;

import haven.events.Outcome;
import haven.events.ReportType;
import haven.infra.security.Role;
import haven.infra.security.Staff;
import haven.query.caseload.Caseload;
import haven.query.caseload.EmergencyAccess;
import haven.query.caseload.References;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/** Finding a case: by its reference, among the cases closed in a month, or by breaking the glass. */
@Controller
class FindCasePages {

    private static final int MIN_REASON = 10;
    private static final int MAX_REASON = 1000;
    /** How far back the month list goes; older months are asked for by URL. */
    private static final int MONTHS_LISTED = 24;

    private final Caseload caseload;
    private final EmergencyAccess emergency;
    private final Clock clock;

    FindCasePages(Caseload caseload, EmergencyAccess emergency, Clock clock) {
        this.caseload = caseload;
        this.emergency = emergency;
        this.clock = clock;
    }

    /** A case manager opens a case outside their work in an emergency (someone is at risk and its caseworker is away). */
    @GetMapping("/cases/break-glass")
    ModelAndView breakGlassForm(Staff staff) {
        requireManager(staff);
        return new ModelAndView("cases/break-glass", Map.of("problems", Map.of()));
    }

    @PostMapping("/cases/break-glass")
    ModelAndView breakGlass(
            @RequestParam(defaultValue = "") String reference,
            @RequestParam(defaultValue = "") String reason,
            Staff staff) {
        requireManager(staff);
        var problems = new LinkedHashMap<String, String>();
        var caseId = emergency.caseWithReference(reference);
        if (References.wellFormed(reference).isEmpty()) {
            problems.put("break-glass-reference", "Enter a reference like HV-7K3M-Q9");
        }
        if (reason.strip().length() < MIN_REASON || reason.length() > MAX_REASON) {
            problems.put("break-glass-reason", "Enter why you must open this case now, in 10 to 1,000 characters");
        }
        if (problems.isEmpty()) {
            try {
                emergency.open(
                        caseId.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)),
                        reason.strip(),
                        staff);
                return new ModelAndView("redirect:/cases/" + caseId.get());
            } catch (ErrorResponseException refused) { // no such case, not theirs to open, or erased
                problems.put("break-glass-reference", "There is no case you can open with that reference");
            }
        }
        var page = new ModelAndView("cases/break-glass", Map.of("problems", problems));
        page.setStatus(HttpStatus.BAD_REQUEST);
        return page;
    }

    private static void requireManager(Staff staff) {
        if (!staff.is(Role.CASE_MANAGER)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
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
