package haven.query.pages;

import haven.infra.council.Areas;
import haven.infra.council.Partnership;
import haven.infra.security.Staff;
import haven.query.trends.Trends;
import haven.query.web.Attachments;
import haven.query.web.InvalidParameter;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Collections;
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

/**
 * The board's dashboard: the anonymised counts of closed periods, broken down by up to two
 * dimensions, as {@link TrendTables} (hidden counts say so, never a number), a chart drawn from the
 * table, and the same answer as a CSV file. Prints as a board paper on A4.
 */
@Controller
class TrendPages {

    /** The dimensions a board can break counts down by, as the API names them, in plain words. */
    static final Map<String, String> DIMENSIONS = dimensions();

    /** The partnership's board's: those and the partner. */
    static final Map<String, String> PARTNERSHIP_DIMENSIONS = withPartner(DIMENSIONS);

    /** The periods a board can count by, as the API names them, in plain words. */
    static final Map<String, String> PERIODS = periods();

    private final Trends trends;
    private final TrendTables tables;
    private final Partnership partnership;

    TrendPages(Trends trends, Areas areas, Partnership partnership, MessageSource messages) {
        this.trends = trends;
        this.tables = new TrendTables(areas, partnership, messages);
        this.partnership = partnership;
    }

    @GetMapping("/trends")
    ModelAndView dashboard(
            @RequestParam(defaultValue = "quarter") String period,
            @RequestParam(defaultValue = "") String from,
            @RequestParam(defaultValue = "") String to,
            @RequestParam(defaultValue = "") List<String> by) {
        String scope = trends.scopeOf(Staff.current(partnership).orElseThrow());
        var model = new HashMap<String, Object>();
        model.put("period", period);
        model.put("from", from);
        model.put("to", to);
        model.put("by", by);
        model.put("whose", trends.nameOf(scope));
        model.put("ownOnly", scope != null);
        model.put(
                "dimensions",
                scope == null && partnership.organisations().size() > 1 ? PARTNERSHIP_DIMENSIONS : DIMENSIONS);
        model.put("periods", PERIODS);
        var problems = new LinkedHashMap<String, String>();
        try {
            var answer = trends.trends(scope, period, month("from", from), month("to", to), by, "");
            model.put("trends", answer);
            if (answer.dimensions().size() == 2) {
                model.put("crossTabs", tables.crossTabs(answer));
            } else {
                model.put("series", tables.series(answer));
            }
            model.put("csv", "/trends/download?" + query(period, from, to, by));
        } catch (InvalidParameter e) {
            problems.put(e.field(), message(e));
        } catch (ErrorResponseException e) { // too few cases to publish: the answer says why
            problems.put("from", e.getBody().getDetail());
        }
        model.put("problems", problems);
        var page = new ModelAndView("trends/dashboard", model);
        page.setStatus(problems.isEmpty() ? HttpStatus.OK : HttpStatus.BAD_REQUEST);
        return page;
    }

    @GetMapping("/trends/download")
    ResponseEntity<String> download(
            @RequestParam(defaultValue = "quarter") String period,
            @RequestParam(defaultValue = "") String from,
            @RequestParam(defaultValue = "") String to,
            @RequestParam(defaultValue = "") List<String> by) {
        String scope = trends.scopeOf(Staff.current(partnership).orElseThrow());
        return Attachments.trendsCsv(trends.csv(scope, period, month("from", from), month("to", to), by, ""));
    }

    private static YearMonth month(String field, String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return YearMonth.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidParameter(field, "must be a year and month, like 2026-04");
        }
    }

    private static String message(InvalidParameter e) {
        return switch (e.field()) {
            case "from" -> "The start month " + e.reason();
            case "to" -> "The end month " + e.reason();
            case "by" ->
                e.reason().startsWith("two at once")
                        ? "Two ways at once are counted for whole financial years: "
                                + "choose Financial year, or one way"
                        : e.reason().startsWith("one at a time")
                                ? "Choose one way to break your organisation's counts down"
                                : e.reason().contains("monitoring")
                                        ? "Equality monitoring answers can be broken down only by type of report"
                                                + " or partner, not by what the cases were"
                                        : "Choose at most two ways to break the counts down";
            case "period" -> "The period " + e.reason();
            default -> e.field() + " " + e.reason();
        };
    }

    private static String query(String period, String from, String to, List<String> by) {
        var query = new StringBuilder("period=").append(period);
        if (!from.isBlank()) {
            query.append("&from=").append(from.trim());
        }
        if (!to.isBlank()) {
            query.append("&to=").append(to.trim());
        }
        by.stream()
                .filter(PARTNERSHIP_DIMENSIONS::containsKey)
                .forEach(d -> query.append("&by=").append(d));
        return query.toString();
    }

    private static Map<String, String> periods() {
        var periods = new LinkedHashMap<String, String>();
        periods.put("month", "Month");
        periods.put("financial-quarter", "Financial quarter (Q1 is April to June)");
        periods.put("financial-year", "Financial year (April to March)");
        periods.put("quarter", "Calendar quarter");
        periods.put("year", "Calendar year");
        return Collections.unmodifiableMap(periods);
    }

    private static Map<String, String> withPartner(Map<String, String> dimensions) {
        var all = new LinkedHashMap<String, String>();
        all.put("organisation", "Partner told");
        all.putAll(dimensions);
        return Collections.unmodifiableMap(all);
    }

    private static Map<String, String> dimensions() {
        var dimensions = new LinkedHashMap<String, String>();
        dimensions.put("type", "Type of report");
        dimensions.put("category", "Kind of incident");
        dimensions.put("perceived-motivation", "What the reporter thought it was motivated by");
        dimensions.put("characteristic", "Protected characteristic (confirmed)");
        dimensions.put("strand", "Hate crime strand (confirmed)");
        dimensions.put("location-type", "Where it happened");
        dimensions.put("area", "Area or directorate");
        dimensions.put("reporter-role", "Who reported it");
        dimensions.put("channel", "How it reached us (online, by phone, at a reporting centre…)");
        dimensions.put("route", "How it was handled");
        dimensions.put("respondent", "Who the person complained about is to the reporter (cases resolved)");
        dimensions.put("outcome", "Outcome (cases resolved)");
        dimensions.put("resolution-time", "Time to resolve (cases resolved)");
        dimensions.put("first-contact", "First contact by the deadline (cases resolved)");
        dimensions.put("resolution-deadline", "Resolved by the deadline (cases resolved)");
        dimensions.put("age", "Reporter's age (equality monitoring)");
        dimensions.put("sex", "Reporter's sex (equality monitoring)");
        dimensions.put("gender-identity", "Reporter's gender the same as registered at birth (equality monitoring)");
        dimensions.put("ethnicity", "Reporter's ethnic group (equality monitoring)");
        dimensions.put("disability", "Reporter has a long-term health condition (equality monitoring)");
        dimensions.put("religion", "Reporter's religion (equality monitoring)");
        dimensions.put("sexual-orientation", "Reporter's sexual orientation (equality monitoring)");
        return Collections.unmodifiableMap(dimensions);
    }
}
