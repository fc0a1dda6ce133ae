package haven.query.trends;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * One period's table: a count for every combination of up to two dimensions' values, with row,
 * column and grand totals ({@link #ALL}), protected by {@link DisclosureControl} before it is shown.
 */
final class TrendTable {

    static final String ALL = "ALL";

    record Cell(String period, List<String> values, Long count, boolean suppressed) {
    }

    private final List<List<String>> values = new ArrayList<>();
    private final List<Long> counts = new ArrayList<>();
    private final List<Boolean> given = new ArrayList<>();
    private final List<int[]> lines = new ArrayList<>();

    private TrendTable() {
    }

    /** {@code rows} holds, per dimension, the values to show; {@code cells} the stored counts by key. */
    static List<Cell> publish(String period, List<TrendDimension> dimensions, List<List<String>> rows,
            Map<String, Long> cells, TrendPolicy policy) {
        var table = new TrendTable();
        switch (dimensions.size()) {
            case 0 -> table.add(List.of(), cells.getOrDefault(CaseFacts.ALL, 0L));
            case 1 -> table.oneWay(dimensions.get(0), rows.get(0), cells);
            default -> table.twoWay(dimensions.get(0), rows.get(0), dimensions.get(1), rows.get(1), cells,
                    policy.threshold());
        }
        long[] all = table.counts();
        boolean[] hidden = DisclosureControl.suppress(all, table.lines, policy.threshold(),
                table.given.toArray(Boolean[]::new));
        return IntStream.range(0, all.length)
                .mapToObj(i -> new Cell(period, table.values.get(i), hidden[i] ? null : policy.rounded(all[i]), hidden[i]))
                .toList();
    }

    private void oneWay(TrendDimension dimension, List<String> rows, Map<String, Long> cells) {
        for (String v : rows) {
            add(List.of(v), cells.getOrDefault(dimension.cell(v), 0L));
        }
        add(List.of(ALL), cells.getOrDefault(CaseFacts.ALL, 0L));
        lines.add(IntStream.range(0, rows.size() + 1).toArray());
    }

    /** The margins are shown exactly as the one-way tables of each dimension show them. */
    private void twoWay(TrendDimension first, List<String> rows, TrendDimension second, List<String> columns,
            Map<String, Long> cells, int threshold) {
        boolean[] rowMargins = oneWayProtected(first, rows, cells, threshold);
        boolean[] columnMargins = oneWayProtected(second, columns, cells, threshold);
        int r = rows.size();
        int c = columns.size();
        for (String v : rows) {
            for (String w : columns) {
                add(List.of(v, w), cells.getOrDefault(TrendDimension.cell(first, v, second, w), 0L));
            }
        }
        for (int i = 0; i < r; i++) {
            add(List.of(rows.get(i), ALL), cells.getOrDefault(first.cell(rows.get(i)), 0L), rowMargins[i]);
        }
        for (int j = 0; j < c; j++) {
            add(List.of(ALL, columns.get(j)), cells.getOrDefault(second.cell(columns.get(j)), 0L), columnMargins[j]);
        }
        add(List.of(ALL, ALL), cells.getOrDefault(CaseFacts.ALL, 0L), rowMargins[r]);
        int rowTotals = r * c;
        int columnTotals = rowTotals + r;
        int grand = columnTotals + c;
        for (int i = 0; i < r; i++) {
            int row = i;
            lines.add(IntStream.concat(IntStream.range(0, c).map(j -> row * c + j), IntStream.of(rowTotals + row)).toArray());
        }
        for (int j = 0; j < c; j++) {
            int column = j;
            lines.add(IntStream.concat(IntStream.range(0, r).map(i -> i * c + column), IntStream.of(columnTotals + column)).toArray());
        }
        lines.add(IntStream.rangeClosed(columnTotals, grand).toArray());
        lines.add(IntStream.concat(IntStream.range(rowTotals, columnTotals), IntStream.of(grand)).toArray());
        lines.add(IntStream.concat(IntStream.range(0, rowTotals), IntStream.of(grand)).toArray());
    }

    private static boolean[] oneWayProtected(TrendDimension dimension, List<String> rows, Map<String, Long> cells,
            int threshold) {
        var table = new TrendTable();
        table.oneWay(dimension, rows, cells);
        return DisclosureControl.suppress(table.counts(), table.lines, threshold);
    }

    private long[] counts() {
        return counts.stream().mapToLong(Long::longValue).toArray();
    }

    private void add(List<String> cellValues, long count) {
        add(cellValues, count, null);
    }

    private void add(List<String> cellValues, long count, Boolean shownAsInOneWayTable) {
        values.add(cellValues);
        counts.add(count);
        given.add(shownAsInOneWayTable);
    }
}
