package haven.query.trends;

import haven.infra.security.Staff;
import haven.query.web.Attachments;
import java.time.YearMonth;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Anonymised counts for boards, as JSON and as CSV for board papers: the reader's organisation's, or the partnership's. */
@RestController
class TrendController {

    private final Trends trends;

    TrendController(Trends trends) {
        this.trends = trends;
    }

    /**
     * {@code cases}: {@code recorded} (the default), {@code resolved} (the default by outcome, time to
     * resolve or a deadline) or {@code reopened}.
     */
    @GetMapping("/api/trends")
    TrendResponse trends(
            @RequestParam(defaultValue = "quarter") String period,
            @RequestParam(required = false) YearMonth from,
            @RequestParam(required = false) YearMonth to,
            @RequestParam(defaultValue = "") List<String> by,
            @RequestParam(defaultValue = "") String cases,
            Staff reader) {
        return trends.trends(trends.scopeOf(reader), period, from, to, by, cases);
    }

    @GetMapping(value = "/api/trends.csv", produces = "text/csv")
    ResponseEntity<String> csv(
            @RequestParam(defaultValue = "quarter") String period,
            @RequestParam(required = false) YearMonth from,
            @RequestParam(required = false) YearMonth to,
            @RequestParam(defaultValue = "") List<String> by,
            @RequestParam(defaultValue = "") String cases,
            Staff reader) {
        return Attachments.trendsCsv(trends.csv(trends.scopeOf(reader), period, from, to, by, cases));
    }
}
