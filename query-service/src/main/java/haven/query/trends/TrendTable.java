package haven.query.trends;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * One period's table: a count for every combination of up to two dimensions' values, with row,
 * column and grand totals ({@link #ALL}), and the lines of entries that add up: each row with its
 * total, each column with its total, the totals with the grand total; the last entry of a line is
 * its total.
 */
final class TrendTable {

    static final String ALL = "ALL";

    record Cell(String period, List<String> values, Long count, boolean suppressed) {}

    final List<List<String>> values = new ArrayList<>();
    final List<Long> counts = new ArrayList<>();
    final List<int[]> lines = new ArrayList<>();
    /** Per line: whether its parts add up to at least its total rather than to it (a case with several values). */
    final List<Boolean> atLeast = new ArrayList<>();

    private TrendTable() {}

    /** {@code rows} holds, per dimension, the values to show; {@code cells} the stored counts by key. */
    static TrendTable of(List<TrendDimension> dimensions, List<List<String>> rows, Map<String, Long> cells) {
        var table = new TrendTable();
        switch (dimensions.size()) {
            case 0 -> table.add(List.of(), cells.getOrDefault(CaseFacts.ALL, 0L));
            case 1 -> table.oneWay(dimensions.get(0), rows.get(0), cells);
            default -> table.twoWay(dimensions.get(0), rows.get(0), dimensions.get(1), rows.get(1), cells);
        }
        return table;
    }

    int size() {
        return counts.size();
    }

    int indexOf(List<String> cellValues) {
        return values.indexOf(cellValues);
    }

    private void oneWay(TrendDimension dimension, List<String> rows, Map<String, Long> cells) {
        for (String v : rows) {
            add(List.of(v), cells.getOrDefault(dimension.cell(v), 0L));
        }
        add(List.of(ALL), cells.getOrDefault(CaseFacts.ALL, 0L));
        line(IntStream.range(0, rows.size() + 1).toArray(), dimension);
    }

    private void line(int[] entries, TrendDimension summedOver) {
        lines.add(entries);
        atLeast.add(summedOver.multiValued());
    }

    private void twoWay(
            TrendDimension first,
            List<String> rows,
            TrendDimension second,
            List<String> columns,
            Map<String, Long> cells) {
        int r = rows.size();
        int c = columns.size();
        for (String v : rows) {
            for (String w : columns) {
                add(List.of(v, w), cells.getOrDefault(TrendDimension.cell(first, v, second, w), 0L));
            }
        }
        rows.forEach(v -> add(List.of(v, ALL), cells.getOrDefault(first.cell(v), 0L)));
        columns.forEach(w -> add(List.of(ALL, w), cells.getOrDefault(second.cell(w), 0L)));
        add(List.of(ALL, ALL), cells.getOrDefault(CaseFacts.ALL, 0L));
        int rowTotals = r * c;
        int columnTotals = rowTotals + r;
        int grand = columnTotals + c;
        for (int i = 0; i < r; i++) {
            int row = i;
            line(
                    IntStream.concat(IntStream.range(0, c).map(j -> row * c + j), IntStream.of(rowTotals + row))
                            .toArray(),
                    second);
        }
        for (int j = 0; j < c; j++) {
            int column = j;
            line(
                    IntStream.concat(
                                    IntStream.range(0, r).map(i -> i * c + column), IntStream.of(columnTotals + column))
                            .toArray(),
                    first);
        }
        line(IntStream.rangeClosed(columnTotals, grand).toArray(), second);
        line(
                IntStream.concat(IntStream.range(rowTotals, columnTotals), IntStream.of(grand))
                        .toArray(),
                first);
    }

    private void add(List<String> cellValues, long count) {
        values.add(cellValues);
        counts.add(count);
    }
}
