package haven.query.pages;

import haven.infra.council.Areas;
import haven.infra.council.Partnership;
import haven.infra.security.Staff;
import haven.query.letters.LetterPdf;
import haven.query.trends.Trends;
import haven.query.web.InvalidParameter;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The board pack: for one financial quarter or year, the standard tables beside the period
 * before, and the service measures, on one page and as a PDF made on the server from the same
 * answers, so a printed pack never shows a number the screen would hide.
 */
@Controller
class BoardPackPages {

    /** The standard tables, by the dimension the API names, with the question each answers. */
    static final Map<String, String> TABLES = tables();

    private final Trends trends;
    private final TrendTables tables;
    private final TemplateEngine templates;
    private final Partnership partnership;

    BoardPackPages(
            Trends trends, Areas areas, TemplateEngine templates, Partnership partnership, MessageSource messages) {
        this.trends = trends;
        this.tables = new TrendTables(areas, partnership, messages);
        this.templates = templates;
        this.partnership = partnership;
    }

    /** One table of the pack: the last period and this one, or why it cannot be shown. */
    record PackTable(String dimension, String title, TrendTables.Series series, String problem) {}

    /** A service measure: the share of resolved cases that met a deadline, as shown (or [c]). */
    record Measure(String label, String last, String current) {}

    @GetMapping("/trends/pack")
    ModelAndView pack(
            @RequestParam(defaultValue = "financial-quarter") String period,
            @RequestParam(defaultValue = "") String of) {
        var model = model(period, of);
        var page = new ModelAndView("trends/pack", model);
        page.setStatus(((Map<?, ?>) model.get("problems")).isEmpty() ? HttpStatus.OK : HttpStatus.BAD_REQUEST);
        return page;
    }

    @GetMapping("/trends/pack.pdf")
    ResponseEntity<byte[]> pdf(
            @RequestParam(defaultValue = "financial-quarter") String period,
            @RequestParam(defaultValue = "") String of) {
        var model = model(period, of);
        if (!((Map<?, ?>) model.get("problems")).isEmpty()) {
            return ResponseEntity.badRequest().build();
        }
        String html = templates.process("trends/pack-pdf", new Context(java.util.Locale.UK, model));
        return LetterPdf.attachment(LetterPdf.of(html), "haven-board-pack.pdf");
    }

    private Map<String, Object> model(String period, String of) {
        String scope = trends.scopeOf(Staff.current(partnership).orElseThrow());
        var model = new HashMap<String, Object>();
        var problems = new LinkedHashMap<String, String>();
        model.put("problems", problems);
        model.put("whose", trends.nameOf(scope));
        model.put("period", period);
        model.put("of", of);
        if (!period.equals("financial-quarter") && !period.equals("financial-year")) {
            problems.put("period", "Choose a financial quarter or a financial year");
            return model;
        }
        YearMonth month;
        try {
            month = of.isBlank() ? null : YearMonth.parse(of.trim());
        } catch (DateTimeParseException e) {
            problems.put("of", "The month must be a year and month, like 2026-04");
            return model;
        }
        int months = period.equals("financial-year") ? 12 : 3;
        YearMonth shown = month != null ? month : trends.lastPublished(period);
        var packTables = new ArrayList<PackTable>();
        String shownPeriod = null;
        String lastPeriod = null;
        var standard = new LinkedHashMap<>(TABLES);
        if (scope == null && partnership.organisations().size() > 1) {
            standard.put("organisation", "Partner told");
        }
        for (var table : standard.entrySet()) {
            try {
                var answer = trends.trends(
                        scope,
                        period,
                        shown.minusMonths(months),
                        shown,
                        table.getKey().isEmpty() ? List.of() : List.of(table.getKey()),
                        "");
                var series = tables.series(answer);
                packTables.add(new PackTable(table.getKey(), table.getValue(), series, null));
                if (!series.periods().isEmpty()) {
                    shownPeriod = series.periods().get(series.periods().size() - 1);
                    lastPeriod = series.periods().size() > 1 ? series.periods().get(0) : null;
                }
            } catch (InvalidParameter e) {
                problems.put("of", "The month " + e.reason());
                return model;
            } catch (ErrorResponseException tooFew) {
                packTables.add(new PackTable(
                        table.getKey(), table.getValue(), null, tooFew.getBody().getDetail()));
            }
        }
        model.put("tables", packTables);
        model.put("shownPeriod", shownPeriod);
        model.put("lastPeriod", lastPeriod);
        model.put(
                "measures",
                List.of(
                        measure(packTables, "first-contact", "Reporters first contacted by the deadline"),
                        measure(packTables, "resolution-deadline", "Cases resolved by the deadline"),
                        reopened(scope, period, shown, months)));
        model.put("pdf", "/trends/pack.pdf?period=" + period + "&of=" + shown);
        return model;
    }

    /** Met as a share of met and missed, when both are shown; [c] when either is hidden. */
    private static Measure measure(List<PackTable> packTables, String dimension, String label) {
        var table = packTables.stream()
                .filter(t -> t.dimension().equals(dimension) && t.series() != null)
                .findFirst();
        if (table.isEmpty()) {
            return new Measure(label, TrendTables.HIDDEN, TrendTables.HIDDEN);
        }
        var series = table.get().series();
        var shares = new ArrayList<String>();
        for (int p = 0; p < series.periods().size(); p++) {
            String met = count(series, "Met", p);
            String missed = count(series, "Missed", p);
            if (met == null || missed == null || met.equals(TrendTables.HIDDEN) || missed.equals(TrendTables.HIDDEN)) {
                shares.add(TrendTables.HIDDEN);
            } else {
                long m = Long.parseLong(met);
                long all = m + Long.parseLong(missed);
                shares.add(
                        all == 0
                                ? "no deadlines recorded"
                                : Math.round(100.0 * m / all) + "% (" + m + " of " + all + ")");
            }
        }
        return new Measure(
                label, shares.size() > 1 ? shares.get(0) : "", shares.isEmpty() ? "" : shares.get(shares.size() - 1));
    }

    /** Cases reopened (on appeal or new evidence) in each period, or why not shown. */
    private Measure reopened(String scope, String period, YearMonth shown, int months) {
        String label = "Cases reopened on appeal or new evidence";
        try {
            var series = tables.series(
                    trends.trends(scope, period, shown.minusMonths(months), shown, List.of(), "reopened"));
            var counts = series.rows().isEmpty()
                    ? List.<String>of()
                    : series.rows().get(0).counts();
            return new Measure(
                    label,
                    counts.size() > 1 ? counts.get(0) : "",
                    counts.isEmpty() ? "" : counts.get(counts.size() - 1));
        } catch (ErrorResponseException tooFew) {
            return new Measure(label, "too few to publish", "too few to publish");
        }
    }

    private static String count(TrendTables.Series series, String label, int period) {
        return series.rows().stream()
                .filter(r -> r.label().equals(label))
                .findFirst()
                .map(r -> r.counts().get(period))
                .orElse(null);
    }

    private static Map<String, String> tables() {
        var tables = new LinkedHashMap<String, String>();
        tables.put("", "Cases recorded");
        tables.put("type", "Type of report");
        tables.put("category", "Kind of incident");
        tables.put("perceived-motivation", "What the reporter thought it was motivated by");
        tables.put("characteristic", "Protected characteristics (confirmed)");
        tables.put("strand", "Hate crime strands (confirmed)");
        tables.put("area", "Area or directorate");
        tables.put("outcome", "Outcome of the cases resolved");
        tables.put("resolution-time", "Time to resolve");
        tables.put("first-contact", "First contact by the deadline (cases resolved)");
        tables.put("resolution-deadline", "Resolved by the deadline");
        return java.util.Collections.unmodifiableMap(tables);
    }
}
