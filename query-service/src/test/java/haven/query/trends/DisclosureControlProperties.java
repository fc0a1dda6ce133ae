package haven.query.trends;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Plays the attacker on random years of counts. It asks every question a board member can ask
 * about the year (by month, quarter and year; by no, one and two dimensions), keeps every number
 * published, and then subtracts along every line that adds up: each row, column and total of every
 * table, and the months of a quarter or year against it. No suppressed count may come out.
 */
class DisclosureControlProperties {

    private static final TrendPolicy POLICY = new TrendPolicy(5, 1, 0);
    private static final TrendDimension A = TrendDimension.CATEGORY;
    private static final TrendDimension B = TrendDimension.LOCATION_TYPE;
    private static final int YEAR = 2026;
    private static final List<List<TrendDimension>> QUESTIONS = List.of(List.of(), List.of(A), List.of(B), List.of(A, B));

    @Property(tries = 300)
    void noSuppressedCountCanBeRecoveredFromEverythingPublishedAboutAYear(
            @ForAll @IntRange(min = 1, max = 4) int rows, @ForAll @IntRange(min = 1, max = 4) int columns,
            @ForAll @IntRange(min = 1, max = 12) int activeMonths, @ForAll("counts") List<Integer> counts) {
        var rowValues = Map.of(A, A.knownValues().subList(0, rows), B, B.knownValues().subList(0, columns));
        var stored = new HashMap<YearMonth, Map<String, Long>>();
        int next = 0;
        for (int m = 1; m <= activeMonths; m++) {
            var cells = new HashMap<String, Long>();
            for (String v : rowValues.get(A)) {
                for (String w : rowValues.get(B)) {
                    long n = counts.get(next++ % counts.size());
                    cells.merge(TrendDimension.cell(A, v, B, w), n, Long::sum);
                    cells.merge(A.cell(v), n, Long::sum);
                    cells.merge(B.cell(w), n, Long::sum);
                    cells.merge(CaseFacts.ALL, n, Long::sum);
                }
            }
            stored.put(YearMonth.of(YEAR, m), cells);
        }
        var year = new ProtectedYear(YEAR, stored, new EnumMap<>(rowValues), POLICY.threshold());

        var known = new HashMap<String, Long>();
        var truth = new HashMap<String, Long>();
        var lines = new ArrayList<List<String>>();
        for (Granularity granularity : Granularity.values()) {
            for (var dimensions : QUESTIONS) {
                for (var cell : year.publish(granularity, dimensions, period -> true, POLICY)) {
                    String key = key(cell.period(), dimensions, cell.values());
                    truth.put(key, truth(stored, granularity, cell.period(), dimensions, cell.values(), rowValues));
                    if (!cell.suppressed()) {
                        assertThat(known.put(key, cell.count())).as("%s published twice differently", key)
                                .isIn(null, cell.count());
                    }
                }
                lines.addAll(tableLines(granularity, dimensions, rowValues));
                lines.addAll(periodLines(granularity, dimensions, rowValues));
            }
        }

        truth.forEach((key, n) -> {
            if (n > 0 && n < POLICY.threshold()) {
                assertThat(known).as("small count %s", key).doesNotContainKey(key);
            }
        });
        known.forEach((key, n) -> assertThat(n).as("published %s", key).isEqualTo(truth.get(key)));
        for (var line : lines) {
            var unknown = line.stream().filter(key -> !known.containsKey(key)).toList();
            assertThat(unknown.size()).as("%s could be subtracted out of %s", unknown, line).isNotEqualTo(1);
        }
    }

    @Example
    void publishedCountsAreRoundedToTheNearestFiveWhenConfigured() {
        var rows = A.knownValues().subList(0, 3);
        var stored = Map.of(YearMonth.of(YEAR, 1), Map.of(A.cell(rows.get(0)), 7L, A.cell(rows.get(1)), 13L,
                A.cell(rows.get(2)), 2L, CaseFacts.ALL, 22L));
        var year = new ProtectedYear(YEAR, stored, new EnumMap<>(Map.of(A, rows)), 5);
        var published = year.publish(Granularity.YEAR, List.of(A), period -> true, new TrendPolicy(5, 5, 0));
        assertThat(published).extracting(TrendTable.Cell::count).containsExactly(null, 15L, null, 20L);
        assertThat(published).extracting(TrendTable.Cell::suppressed).containsExactly(true, false, true, false);
    }

    @Provide
    Arbitrary<List<Integer>> counts() {
        // mostly zeros and small counts, where disclosure happens, with the odd large cell
        return Arbitraries.frequencyOf(
                        Tuple.of(5, Arbitraries.just(0)),
                        Tuple.of(4, Arbitraries.integers().between(1, 6)),
                        Tuple.of(1, Arbitraries.integers().between(0, 30)))
                .list().ofMinSize(1).ofMaxSize(60);
    }

    /** The same number, however it was asked for: period plus the values that are not ALL. */
    private static String key(String period, List<TrendDimension> dimensions, List<String> values) {
        var parts = new ArrayList<String>();
        for (int d = 0; d < dimensions.size(); d++) {
            if (!values.get(d).equals(TrendTable.ALL)) {
                parts.add(dimensions.get(d).label() + "=" + values.get(d));
            }
        }
        parts.sort(null);
        return period + "|" + String.join(",", parts);
    }

    private static List<List<String>> tableLines(Granularity granularity, List<TrendDimension> dimensions,
            Map<TrendDimension, List<String>> rowValues) {
        var lines = new ArrayList<List<String>>();
        for (String period : periods(granularity)) {
            var table = TrendTable.of(dimensions, dimensions.stream().map(rowValues::get).toList(), Map.of());
            for (int[] line : table.lines) {
                var keys = new ArrayList<String>();
                for (int entry : line) {
                    keys.add(key(period, dimensions, table.values.get(entry)));
                }
                lines.add(keys);
            }
        }
        return lines;
    }

    /** The months of each quarter and of the year, and the quarters of the year, add up to it. */
    private static List<List<String>> periodLines(Granularity granularity, List<TrendDimension> dimensions,
            Map<TrendDimension, List<String>> rowValues) {
        var lines = new ArrayList<List<String>>();
        if (granularity == Granularity.YEAR) {
            return lines;
        }
        var table = TrendTable.of(dimensions, dimensions.stream().map(rowValues::get).toList(), Map.of());
        var coarser = granularity == Granularity.MONTH ? List.of(Granularity.QUARTER, Granularity.YEAR)
                : List.of(Granularity.YEAR);
        for (var values : table.values) {
            for (Granularity coarse : coarser) {
                for (String coarsePeriod : periods(coarse)) {
                    var line = new ArrayList<String>();
                    for (int m = 1; m <= 12; m++) {
                        YearMonth month = YearMonth.of(YEAR, m);
                        String fine = granularity.label(month);
                        String key = key(fine, dimensions, values);
                        if (coarse.label(month).equals(coarsePeriod) && !line.contains(key)) {
                            line.add(key);
                        }
                    }
                    line.add(key(coarsePeriod, dimensions, values));
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    private static Set<String> periods(Granularity granularity) {
        var periods = new java.util.LinkedHashSet<String>();
        for (int m = 1; m <= 12; m++) {
            periods.add(granularity.label(YearMonth.of(YEAR, m)));
        }
        return periods;
    }

    private static long truth(Map<YearMonth, Map<String, Long>> stored, Granularity granularity, String period,
            List<TrendDimension> dimensions, List<String> values, Map<TrendDimension, List<String>> rowValues) {
        String cell;
        var named = new ArrayList<TrendDimension>();
        var namedValues = new ArrayList<String>();
        for (int d = 0; d < dimensions.size(); d++) {
            if (!values.get(d).equals(TrendTable.ALL)) {
                named.add(dimensions.get(d));
                namedValues.add(values.get(d));
            }
        }
        cell = switch (named.size()) {
            case 0 -> CaseFacts.ALL;
            case 1 -> named.get(0).cell(namedValues.get(0));
            default -> TrendDimension.cell(named.get(0), namedValues.get(0), named.get(1), namedValues.get(1));
        };
        long sum = 0;
        for (int m = 1; m <= 12; m++) {
            YearMonth month = YearMonth.of(YEAR, m);
            if (granularity.label(month).equals(period)) {
                sum += stored.getOrDefault(month, Map.of()).getOrDefault(cell, 0L);
            }
        }
        return sum;
    }
}
