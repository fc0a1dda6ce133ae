package haven.query.trends;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * Every trend table of one calendar year, protected together, so that no set of answers about
 * that year (by month, quarter or year; by no, one or two dimensions) can be combined to undo a
 * suppression. Tables are decided from the coarsest to the finest: a year's tables first, then its
 * quarters, which must agree with the year (four quarters add up to it), then its months, which
 * must agree with their quarter and the year; and one-way tables before two-way ones, whose
 * margins are shown exactly as the one-way tables show them. Each decision is
 * {@link DisclosureControl} over all the periods' tables at once, with the lines between periods
 * added and the coarser or smaller tables' cells given.
 */
final class ProtectedYear {

    private record Decided(Map<String, TrendTable> tables, Map<String, boolean[]> hidden) {
    }

    private final int year;
    private final Map<YearMonth, Map<String, Long>> months;
    private final Map<TrendDimension, List<String>> rows;
    private final int threshold;
    private final Map<String, Decided> decided = new HashMap<>();

    /** {@code months}: the stored counts of each month of the year (missing months count zero). */
    ProtectedYear(int year, Map<YearMonth, Map<String, Long>> months, Map<TrendDimension, List<String>> rows,
            int threshold) {
        this.year = year;
        this.months = months;
        this.rows = rows;
        this.threshold = threshold;
    }

    List<TrendTable.Cell> publish(Granularity granularity, List<TrendDimension> dimensions, Predicate<String> wanted,
            TrendPolicy policy) {
        var result = decide(granularity, dimensions);
        var cells = new ArrayList<TrendTable.Cell>();
        result.tables().forEach((period, table) -> {
            if (wanted.test(period)) {
                boolean[] hidden = result.hidden().get(period);
                for (int i = 0; i < table.size(); i++) {
                    cells.add(new TrendTable.Cell(period, table.values.get(i),
                            hidden[i] ? null : policy.rounded(table.counts.get(i)), hidden[i]));
                }
            }
        });
        return cells;
    }

    private Decided decide(Granularity granularity, List<TrendDimension> dimensions) {
        String key = granularity + "/" + dimensions;
        Decided known = decided.get(key);
        if (known != null) {
            return known;
        }
        var problem = new Problem();
        var tables = new LinkedHashMap<String, TrendTable>();
        var offsets = new HashMap<String, Integer>();
        var periods = periods(granularity);
        for (var period : periods.entrySet()) {
            var table = TrendTable.of(dimensions, rowsOf(dimensions), sum(period.getValue()));
            offsets.put(period.getKey(), problem.add(table, i -> marginGiven(granularity, dimensions, period.getKey(), table, i)));
            tables.put(period.getKey(), table);
        }
        for (Granularity coarser : coarserThan(granularity)) {
            var coarse = decide(coarser, dimensions);
            coarse.tables().forEach((coarsePeriod, coarseTable) -> {
                int coarseOffset = problem.add(coarseTable, i -> coarse.hidden().get(coarsePeriod)[i]);
                var within = periods.keySet().stream()
                        .filter(p -> coarsePeriod.equals(coarser.label(periods.get(p).get(0)))).toList();
                for (int i = 0; i < coarseTable.size(); i++) {
                    int entry = i;
                    problem.lines.add(IntStream.concat(within.stream().mapToInt(p -> offsets.get(p) + entry),
                            IntStream.of(coarseOffset + entry)).toArray());
                }
            });
        }
        boolean[] hidden = problem.solve(threshold);
        var byPeriod = new LinkedHashMap<String, boolean[]>();
        tables.forEach((period, table) -> byPeriod.put(period,
                Arrays.copyOfRange(hidden, offsets.get(period), offsets.get(period) + table.size())));
        var result = new Decided(tables, byPeriod);
        decided.put(key, result);
        return result;
    }

    /** A margin (a value of ALL) is shown as the table without that dimension shows it. */
    private Boolean marginGiven(Granularity granularity, List<TrendDimension> dimensions, String period,
            TrendTable table, int entry) {
        var cellValues = table.values.get(entry);
        var smaller = new ArrayList<TrendDimension>();
        var smallerValues = new ArrayList<String>();
        for (int d = 0; d < dimensions.size(); d++) {
            if (!cellValues.get(d).equals(TrendTable.ALL)) {
                smaller.add(dimensions.get(d));
                smallerValues.add(cellValues.get(d));
            }
        }
        if (smaller.size() == dimensions.size() || dimensions.isEmpty()) {
            return null;
        }
        var smallerTables = decide(granularity, smaller);
        int index = smallerTables.tables().get(period).indexOf(smallerValues);
        return smallerTables.hidden().get(period)[index];
    }

    private List<List<String>> rowsOf(List<TrendDimension> dimensions) {
        return dimensions.stream().map(rows::get).toList();
    }

    private Map<String, List<YearMonth>> periods(Granularity granularity) {
        var periods = new LinkedHashMap<String, List<YearMonth>>();
        for (int m = 1; m <= 12; m++) {
            YearMonth month = YearMonth.of(year, m);
            periods.computeIfAbsent(granularity.label(month), p -> new ArrayList<>()).add(month);
        }
        return periods;
    }

    private static List<Granularity> coarserThan(Granularity granularity) {
        return switch (granularity) {
            case MONTH -> List.of(Granularity.QUARTER, Granularity.YEAR);
            case QUARTER -> List.of(Granularity.YEAR);
            case YEAR -> List.of();
        };
    }

    private Map<String, Long> sum(List<YearMonth> periodMonths) {
        var sums = new HashMap<String, Long>();
        periodMonths.forEach(m -> months.getOrDefault(m, Map.of()).forEach((cell, n) -> sums.merge(cell, n, Long::sum)));
        return sums;
    }

    /** Entries from several tables in one array, with their lines, and which entries are already decided. */
    private static final class Problem {
        final List<Long> counts = new ArrayList<>();
        final List<Boolean> given = new ArrayList<>();
        final List<int[]> lines = new ArrayList<>();

        int add(TrendTable table, IntFunction<Boolean> givenState) {
            int offset = counts.size();
            for (int i = 0; i < table.size(); i++) {
                counts.add(table.counts.get(i));
                given.add(givenState.apply(i));
            }
            table.lines.forEach(line -> lines.add(IntStream.of(line).map(e -> e + offset).toArray()));
            return offset;
        }

        boolean[] solve(int threshold) {
            return DisclosureControl.suppress(counts.stream().mapToLong(Long::longValue).toArray(), lines, threshold,
                    given.toArray(Boolean[]::new));
        }
    }
}
