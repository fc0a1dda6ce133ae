package haven.query.trends;

import haven.infra.council.Partnership;
import haven.infra.security.Role;
import haven.infra.security.Staff;
import haven.query.web.InvalidParameter;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Anonymised counts for boards: the question checked (closed periods only, at most two dimensions,
 * a range of at most ten years), then answered by {@link TrendReader}. The API, the dashboard and
 * the board pack all ask here. The partnership's board reads every partner's cases together and by
 * partner; anyone else who reads trends reads their own organisation's, one dimension at a time.
 */
@Component
public class Trends {

    private static final int LONGEST_RANGE_IN_MONTHS = 120;

    private final TrendReader reader;
    private final TrendPolicy policy;
    private final Partnership partnership;
    private final Clock clock;

    Trends(TrendReader reader, TrendPolicy policy, Partnership partnership, Clock clock) {
        this.reader = reader;
        this.policy = policy;
        this.partnership = partnership;
        this.clock = clock;
    }

    /**
     * Whose cases a reader's trends count: null for the partnership's (its board, or everyone when it
     * has one organisation), else the reader's own organisation.
     */
    public String scopeOf(Staff reader) {
        if (reader.is(Role.PARTNERSHIP_BOARD) || partnership.organisations().size() == 1) {
            return null;
        }
        if (reader.organisation() == null) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Your sign-in names no organisation.");
        }
        return reader.organisation();
    }

    /** Who a scope's counts are of, in words: the partnership's name or the partner's. */
    public String nameOf(String scope) {
        return scope == null
                ? partnership.name()
                : partnership
                        .organisation(scope)
                        .map(Partnership.Organisation::name)
                        .orElse(scope);
    }

    /**
     * {@code cases}: {@code recorded}, {@code resolved} or {@code reopened}; blank for the cases the
     * dimensions imply (resolved by outcome, time to resolve or a deadline; recorded otherwise).
     */
    public TrendResponse trends(
            String scope, String period, YearMonth from, YearMonth to, List<String> by, String cases) {
        var report = report(scope, period, from, to, by, cases);
        var cells = report.cells().stream()
                .map(cell -> row(report.dimensions(), cell))
                .toList();
        return new TrendResponse(
                report.period(),
                report.from(),
                report.to(),
                report.dimensions(),
                report.cases(),
                report.threshold(),
                cells,
                DeclarationRate.of(report));
    }

    /** The same answer as a CSV file for board papers: a hidden count is [c]. */
    public String csv(String scope, String period, YearMonth from, YearMonth to, List<String> by, String cases) {
        var report = report(scope, period, from, to, by, cases);
        var rates = DeclarationRate.of(report);
        var lines = new ArrayList<String>();
        var header = header(report.dimensions());
        if (rates != null) {
            header.add("declaration rate");
        }
        lines.add(csvLine(header));
        for (var cell : report.cells()) {
            var fields = new ArrayList<String>();
            fields.add(cell.period());
            fields.addAll(cell.values());
            fields.add(cell.suppressed() ? "[c]" : String.valueOf(cell.count()));
            if (rates != null) {
                fields.add(
                        cell.values().get(0).equals(TrendTable.ALL)
                                ? rates.get(cell.period()).shown()
                                : "");
            }
            lines.add(csvLine(fields));
        }
        return String.join("\r\n", lines) + "\r\n";
    }

    /** The last month of the last period of this kind that is published (a board pack's default). */
    public YearMonth lastPublished(String period) {
        var granularity =
                Granularity.labelled(period).orElseThrow(() -> new InvalidParameter("period", "is not a period"));
        YearMonth lastClosed = policy.lastClosedMonth(clock);
        return granularity.last(lastClosed).equals(lastClosed)
                ? lastClosed
                : granularity.first(lastClosed).minusMonths(1);
    }

    private TrendReader.Report report(
            String scope, String period, YearMonth from, YearMonth to, List<String> by, String cases) {
        var granularity = Granularity.labelled(period)
                .orElseThrow(() -> new InvalidParameter(
                        "period", "must be month, quarter, year, financial-quarter or financial-year"));
        var dimensions = dimensions(by);
        if (scope != null && dimensions.contains(TrendDimension.ORGANISATION)) {
            throw new InvalidParameter("by", "organisation is the partnership board's: you read your own");
        }
        if (scope != null && dimensions.size() == 2) {
            throw new InvalidParameter("by", "one at a time for an organisation's own cases");
        }
        var implied = Population.counting(dimensions);
        var counted = cases.isBlank()
                ? implied
                : Population.labelled(cases)
                        .orElseThrow(() -> new InvalidParameter(
                                "cases", "must be recorded, resolved, reopened, victimised or monitoring-returns"));
        if (implied == Population.RESOLVED && counted != implied) {
            throw new InvalidParameter(
                    "by", "outcome, time to resolve and deadlines are counted of resolved cases only");
        }
        if (implied == Population.RETURNS && counted != implied) {
            throw new InvalidParameter("by", "the monitoring questions are counted of monitoring returns only");
        }
        if (!counted.dimensions().containsAll(dimensions)) {
            throw new InvalidParameter(
                    "by", "monitoring returns are counted by their answers, the type of report and the partner only");
        }
        if (!ProtectedFinancialYear.byPeriod(dimensions) && granularity != Granularity.FINANCIAL_YEAR) {
            throw new InvalidParameter("by", "two at once are published for financial years only");
        }
        YearMonth lastClosed = policy.lastClosedMonth(clock);
        YearMonth closedEnd = granularity.last(lastClosed).equals(lastClosed)
                ? lastClosed
                : granularity.first(lastClosed).minusMonths(1);
        YearMonth last = to == null || granularity.last(to).isAfter(closedEnd) ? closedEnd : granularity.last(to);
        YearMonth first = granularity.first(from != null ? from : last.minusMonths(11));
        if (from != null && first.isAfter(closedEnd)) {
            throw new InvalidParameter("from", "must be a period that has ended; the last published ends " + closedEnd);
        }
        if (first.isAfter(last)) {
            throw new InvalidParameter("from", "must not be after to");
        }
        if (first.plusMonths(LONGEST_RANGE_IN_MONTHS).isBefore(last.plusMonths(1))) {
            throw new InvalidParameter("from", "the range may cover at most " + LONGEST_RANGE_IN_MONTHS + " months");
        }
        return reader.read(granularity, first, last, lastClosed, dimensions, counted, scope);
    }

    private static List<TrendDimension> dimensions(List<String> by) {
        var chosen = by.stream().filter(s -> !s.isBlank()).distinct().toList();
        if (chosen.size() > 2) {
            throw new InvalidParameter("by", "at most two dimensions");
        }
        if (chosen.size() < by.stream().filter(s -> !s.isBlank()).count()) {
            throw new InvalidParameter("by", "a dimension may appear only once");
        }
        return chosen.stream()
                .map(label -> TrendDimension.labelled(label)
                        .orElseThrow(() -> new InvalidParameter(
                                "by",
                                "must be among "
                                        + Arrays.stream(TrendDimension.values())
                                                .map(TrendDimension::label)
                                                .collect(Collectors.joining(", ")))))
                .toList();
    }

    private static Map<String, Object> row(List<String> dimensions, TrendTable.Cell cell) {
        var row = new LinkedHashMap<String, Object>();
        row.put("period", cell.period());
        for (int i = 0; i < dimensions.size(); i++) {
            row.put(dimensions.get(i), cell.values().get(i));
        }
        row.put("count", cell.count());
        row.put("suppressed", cell.suppressed());
        return row;
    }

    private static List<String> header(List<String> dimensions) {
        var header = new ArrayList<String>();
        header.add("period");
        header.addAll(dimensions);
        header.add("count");
        return header;
    }

    /** Quotes every field, so an area name can never start a formula or break a column in a spreadsheet. */
    private static String csvLine(List<String> fields) {
        return fields.stream()
                .map(f -> "\"" + (f.matches("^[=+\\-@].*") ? "'" + f : f).replace("\"", "\"\"") + "\"")
                .collect(Collectors.joining(","));
    }
}
