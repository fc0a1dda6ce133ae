package haven.query.trends;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Every table published about one financial year (April to March), protected together and in the
 * order it is published: a month's one-way tables when the month closes, a quarter's when the
 * quarter closes, and the year's one- and two-way tables when the year closes. Each family of
 * tables is a {@link Suppression}: the grand totals first, then each dimension's one-way tables with
 * those totals given, then a pair's two-way table with both one-way families given (their margins
 * shown exactly as the one-way tables show them, their hidden entries bounded as those tables bound
 * them). A row of a two-way table whose total is hidden is hidden whole, so no two-way table tells
 * anything about another table's hidden counts beyond their sum, whatever pairs are combined.
 *
 * <p>A partner's own tables are rows of the two-way tables by organisation, published for months
 * and quarters as well as the year: the partnership's one-way tables are their margins, so what a
 * partner's board reads and what the partnership's board reads are protected as one set, and one
 * cannot be taken from the other to reveal the rest.
 *
 * <p>Calendar years are not protected here: a calendar year's cell is published when its four
 * quarters are, as their sum, so it adds nothing a quarter table did not already say.
 */
final class ProtectedFinancialYear {

    /** A period of the year: months 1 to 12 from April, quarters 1 to 4, or the year; and when it closes. */
    record Period(String id, List<YearMonth> months, int step) {}

    private final int year;
    private final Map<YearMonth, Map<String, Long>> counts;
    private final Map<TrendDimension, List<String>> rows;
    private final int threshold;
    private final int closedMonths;
    private final Map<List<TrendDimension>, Decided> decided = new HashMap<>();

    private record Decided(Suppression problem, boolean[] hidden) {}

    /**
     * @param year the calendar year the financial year starts in
     * @param counts the stored counts of each month (missing months count zero)
     * @param closedMonths how many of its months have closed (0 to 12): only their tables are published
     */
    ProtectedFinancialYear(
            int year,
            Map<YearMonth, Map<String, Long>> counts,
            Map<TrendDimension, List<String>> rows,
            int threshold,
            int closedMonths) {
        this.year = year;
        this.counts = counts;
        this.rows = rows;
        this.threshold = threshold;
        this.closedMonths = closedMonths;
    }

    static List<Period> periods(int year, Granularity granularity) {
        var periods = new ArrayList<Period>();
        YearMonth april = YearMonth.of(year, 4);
        switch (granularity) {
            case MONTH ->
                IntStream.range(0, 12)
                        .forEach(m -> periods.add(new Period("M" + (m + 1), List.of(april.plusMonths(m)), m + 1)));
            case QUARTER, FINANCIAL_QUARTER ->
                IntStream.range(0, 4)
                        .forEach(q -> periods.add(new Period(
                                "Q" + (q + 1),
                                IntStream.range(0, 3)
                                        .mapToObj(m -> april.plusMonths(3L * q + m))
                                        .toList(),
                                3 * (q + 1))));
            case FINANCIAL_YEAR ->
                periods.add(new Period(
                        "Y", IntStream.range(0, 12).mapToObj(april::plusMonths).toList(), 12));
            case YEAR -> throw new IllegalArgumentException("calendar years span two financial years");
        }
        return periods;
    }

    /** The published cells of every closed period of {@code granularity}, by its first month. */
    Map<YearMonth, List<TrendTable.Cell>> publish(Granularity granularity, List<TrendDimension> dimensions) {
        var decision = decide(dimensions);
        var published = new LinkedHashMap<YearMonth, List<TrendTable.Cell>>();
        for (Period period : periods(year, granularity)) {
            if (period.step() > closedMonths) {
                continue;
            }
            var table = table(dimensions, period);
            var cells = new ArrayList<TrendTable.Cell>();
            for (int i = 0; i < table.size(); i++) {
                boolean hidden =
                        decision.problem().hidden(key(period, dimensions, table.values.get(i)), decision.hidden());
                cells.add(new TrendTable.Cell(
                        granularity.label(period.months().get(0)),
                        table.values.get(i),
                        hidden ? null : table.counts.get(i),
                        hidden));
            }
            published.put(period.months().get(0), cells);
        }
        return published;
    }

    private Decided decide(List<TrendDimension> dimensions) {
        var known = decided.get(dimensions);
        if (known != null) {
            return known;
        }
        var problem = new Suppression(threshold);
        List<Granularity> published = List.of(Granularity.MONTH, Granularity.QUARTER, Granularity.FINANCIAL_YEAR);
        if (dimensions.size() == 1) {
            give(problem, List.of());
        } else if (dimensions.size() == 2) {
            give(problem, List.of(dimensions.get(0)));
            give(problem, List.of(dimensions.get(1)));
            if (!byPeriod(dimensions)) {
                published = List.of(Granularity.FINANCIAL_YEAR);
            }
        }
        for (Granularity granularity : published) {
            for (Period period : periods(year, granularity)) {
                var table = table(dimensions, period);
                int[] entries = new int[table.size()];
                for (int i = 0; i < table.size(); i++) {
                    entries[i] = problem.entry(
                            key(period, dimensions, table.values.get(i)), table.counts.get(i), period.step(), null);
                }
                for (int l = 0; l < table.lines.size(); l++) {
                    problem.line(
                            IntStream.of(table.lines.get(l))
                                    .map(i -> entries[i])
                                    .toArray(),
                            true,
                            table.atLeast.get(l));
                }
            }
        }
        if (byPeriod(dimensions)) {
            periodLines(problem, dimensions);
        }
        var result = new Decided(problem, problem.solve(closedMonths));
        decided.put(List.copyOf(dimensions), result);
        return result;
    }

    /**
     * Whether the tables of these dimensions are published for months and quarters too: one-way
     * tables, and a partner's own one-way tables, which are the rows of the two-way tables by
     * organisation (and so protected together with the partnership's, their margins).
     */
    static boolean byPeriod(List<TrendDimension> dimensions) {
        return dimensions.size() < 2 || dimensions.contains(TrendDimension.ORGANISATION);
    }

    private void give(Suppression problem, List<TrendDimension> dimensions) {
        var smaller = decide(dimensions);
        smaller.problem().giveTo(problem, smaller.hidden());
    }

    /** The months of a quarter add up to it, and the quarters to the year, value by value. */
    private void periodLines(Suppression problem, List<TrendDimension> dimensions) {
        var quarters = periods(year, Granularity.QUARTER);
        var months = periods(year, Granularity.MONTH);
        var yearPeriod = periods(year, Granularity.FINANCIAL_YEAR).get(0);
        var template = table(dimensions, yearPeriod);
        for (var values : template.values) {
            for (int q = 0; q < 4; q++) {
                var line = new ArrayList<Integer>();
                for (Period month : months.subList(3 * q, 3 * q + 3)) {
                    line.add(existing(problem, month, dimensions, values));
                }
                line.add(existing(problem, quarters.get(q), dimensions, values));
                problem.line(line.stream().mapToInt(Integer::intValue).toArray(), false, false);
            }
            var line = new ArrayList<Integer>();
            quarters.forEach(quarter -> line.add(existing(problem, quarter, dimensions, values)));
            line.add(existing(problem, yearPeriod, dimensions, values));
            problem.line(line.stream().mapToInt(Integer::intValue).toArray(), false, false);
        }
    }

    private int existing(Suppression problem, Period period, List<TrendDimension> dimensions, List<String> values) {
        return problem.entry(key(period, dimensions, values), 0, 0, null);
    }

    private TrendTable table(List<TrendDimension> dimensions, Period period) {
        var sums = new HashMap<String, Long>();
        period.months()
                .forEach(m -> counts.getOrDefault(m, Map.of()).forEach((cell, n) -> sums.merge(cell, n, Long::sum)));
        return TrendTable.of(dimensions, dimensions.stream().map(rows::get).toList(), sums);
    }

    /** The same number however it is asked for: the period and the stored cell of the values that are not ALL. */
    private static String key(Period period, List<TrendDimension> dimensions, List<String> values) {
        return period.id() + "|" + TrendDimension.cellOf(dimensions, values);
    }
}
