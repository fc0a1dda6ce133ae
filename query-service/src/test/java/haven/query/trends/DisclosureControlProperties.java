package haven.query.trends;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Plays the attacker on random tables: for every published row, column and total, subtracts the
 * published cells and checks that no suppressed cell comes out.
 */
class DisclosureControlProperties {

    private static final TrendPolicy POLICY = new TrendPolicy(5, 1, 0);
    private static final TrendDimension ROWS = TrendDimension.CATEGORY;
    private static final TrendDimension COLUMNS = TrendDimension.LOCATION_TYPE;

    @Property(tries = 2000)
    void noSuppressedCellOfATwoWayTableCanBeRecovered(@ForAll @IntRange(min = 1, max = 6) int rows,
            @ForAll @IntRange(min = 1, max = 6) int columns, @ForAll("counts") List<Integer> counts) {
        var rowValues = ROWS.knownValues().subList(0, rows);
        var columnValues = COLUMNS.knownValues().subList(0, columns);
        var truth = new HashMap<List<String>, Long>();
        var stored = new HashMap<String, Long>();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                long n = counts.get((i * columns + j) % counts.size());
                String v = rowValues.get(i);
                String w = columnValues.get(j);
                truth.put(List.of(v, w), n);
                truth.merge(List.of(v, TrendTable.ALL), n, Long::sum);
                truth.merge(List.of(TrendTable.ALL, w), n, Long::sum);
                truth.merge(List.of(TrendTable.ALL, TrendTable.ALL), n, Long::sum);
            }
        }
        truth.forEach((cell, n) -> stored.put(key(cell), n));
        var published = TrendTable.publish("2026-Q1", List.of(ROWS, COLUMNS), List.of(rowValues, columnValues),
                stored, POLICY);

        assertProtected(published, truth);
        var lines = new ArrayList<Predicate<List<String>>>();
        for (String v : rowValues) {
            lines.add(cell -> cell.get(0).equals(v));
        }
        lines.add(cell -> cell.get(0).equals(TrendTable.ALL));
        for (String w : columnValues) {
            lines.add(cell -> cell.get(1).equals(w));
        }
        lines.add(cell -> cell.get(1).equals(TrendTable.ALL));
        lines.add(cell -> !cell.get(0).equals(TrendTable.ALL) && !cell.get(1).equals(TrendTable.ALL)
                || cell.get(0).equals(TrendTable.ALL) && cell.get(1).equals(TrendTable.ALL));
        lines.forEach(line -> assertNothingRecoverable(published, line));

        // the margins look exactly as the one-way tables show them, so no pair of queries undoes a suppression
        var byRows = TrendTable.publish("2026-Q1", List.of(ROWS), List.of(rowValues), stored, POLICY);
        var byColumns = TrendTable.publish("2026-Q1", List.of(COLUMNS), List.of(columnValues), stored, POLICY);
        for (var margin : byRows) {
            assertThat(find(published, List.of(margin.values().get(0), TrendTable.ALL)).suppressed())
                    .as("row margin %s", margin.values()).isEqualTo(margin.suppressed());
        }
        for (var margin : byColumns) {
            assertThat(find(published, List.of(TrendTable.ALL, margin.values().get(0))).suppressed())
                    .as("column margin %s", margin.values()).isEqualTo(margin.suppressed());
        }
    }

    private static TrendTable.Cell find(List<TrendTable.Cell> published, List<String> values) {
        return published.stream().filter(cell -> cell.values().equals(values)).findFirst().orElseThrow();
    }

    @Property(tries = 1000)
    void noSuppressedCellOfAOneWayTableCanBeRecovered(@ForAll @IntRange(min = 1, max = 12) int rows,
            @ForAll("counts") List<Integer> counts) {
        var rowValues = ROWS.knownValues().subList(0, rows);
        var truth = new HashMap<List<String>, Long>();
        for (int i = 0; i < rows; i++) {
            long n = counts.get(i % counts.size());
            truth.put(List.of(rowValues.get(i)), n);
            truth.merge(List.of(TrendTable.ALL), n, Long::sum);
        }
        var stored = new HashMap<String, Long>();
        truth.forEach((cell, n) -> stored.put(key(cell), n));
        var published = TrendTable.publish("2026-01", List.of(ROWS), List.of(rowValues), stored, POLICY);

        assertProtected(published, truth);
        assertNothingRecoverable(published, cell -> true);
    }

    @Example
    void publishedCountsAreRoundedToTheNearestFiveWhenConfigured() {
        var rows = ROWS.knownValues().subList(0, 3);
        var stored = Map.of(ROWS.cell(rows.get(0)), 7L, ROWS.cell(rows.get(1)), 13L, ROWS.cell(rows.get(2)), 2L,
                CaseFacts.ALL, 22L);
        var published = TrendTable.publish("2026-01", List.of(ROWS), List.of(rows), stored, new TrendPolicy(5, 5, 0));
        assertThat(published).extracting(TrendTable.Cell::count).containsExactly(null, 15L, null, 20L);
        assertThat(published).extracting(TrendTable.Cell::suppressed).containsExactly(true, false, true, false);
    }

    @Provide
    Arbitrary<List<Integer>> counts() {
        // mostly small counts, where disclosure happens, with zeros and the odd large cell
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(0, 6)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 40)))
                .list().ofMinSize(1).ofMaxSize(36);
    }

    private static void assertProtected(List<TrendTable.Cell> published, Map<List<String>, Long> truth) {
        assertThat(published).hasSize(truth.size());
        for (var cell : published) {
            long actual = truth.get(cell.values());
            if (actual > 0 && actual < POLICY.threshold()) {
                assertThat(cell.suppressed()).as("small cell %s", cell.values()).isTrue();
            }
            if (!cell.suppressed()) {
                assertThat(cell.count()).as("published cell %s", cell.values()).isEqualTo(actual);
            } else {
                assertThat(cell.count()).isNull();
            }
        }
    }

    /** The cells a line holds add up: any one of them is the difference of the rest, unless two are hidden. */
    private static void assertNothingRecoverable(List<TrendTable.Cell> published, Predicate<List<String>> line) {
        var members = published.stream().filter(cell -> line.test(cell.values())).toList();
        var hidden = members.stream().filter(TrendTable.Cell::suppressed).toList();
        assertThat(hidden.size())
                .as("a line whose only suppressed cell is %s could be subtracted out of %s",
                        hidden.isEmpty() ? "-" : hidden.get(0).values(), members.stream().map(TrendTable.Cell::values).toList())
                .isNotEqualTo(1);
    }

    private static String key(List<String> cell) {
        boolean allRows = cell.get(0).equals(TrendTable.ALL);
        if (cell.size() == 1) {
            return allRows ? CaseFacts.ALL : ROWS.cell(cell.get(0));
        }
        boolean allColumns = cell.get(1).equals(TrendTable.ALL);
        if (allRows && allColumns) {
            return CaseFacts.ALL;
        }
        if (allRows) {
            return COLUMNS.cell(cell.get(1));
        }
        return allColumns ? ROWS.cell(cell.get(0)) : TrendDimension.cell(ROWS, cell.get(0), COLUMNS, cell.get(1));
    }
}
