package haven.query.trends;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * Plays a statistician attacking the board's tables with a linear-programming solver. For many
 * generated years of cases it takes every table published about the year (months, quarters and the
 * financial year; the totals, each dimension, each pair of dimensions), writes down every way they
 * add up (rows, columns and totals; months into quarters, quarters into the year; a two-way table's
 * margins are the one-way tables), fixes every published count, lets every hidden count be any
 * value from zero, and asks the solver for the least and greatest value of each hidden count. No
 * hidden count of one or more may be narrowed to a range smaller than the threshold. Built from the
 * published answers alone, not from the code that decided them.
 */
class IntruderAuditTest {

    private static final int THRESHOLD = 5;
    private static final int YEAR = 2025;
    private static final TrendDimension A = TrendDimension.CATEGORY;
    private static final TrendDimension B = TrendDimension.LOCATION_TYPE;
    /** A case can have several: its rows add up to at least the total. */
    private static final TrendDimension C = TrendDimension.PERCEIVED;

    private static final Map<TrendDimension, List<String>> ABC = new EnumMap<>(Map.of(
            A,
            A.knownValues().subList(0, 5),
            B,
            B.knownValues().subList(0, 4),
            C,
            List.of("DISABILITY", "RACE", "RELIGION_OR_BELIEF", TrendDimension.NONE)));
    private static final List<List<TrendDimension>> ABC_pairs = List.of(List.of(A, B), List.of(A, C), List.of(B, C));

    /** The dimensions of the generated years, and the pairs published of them. */
    private Map<TrendDimension, List<String>> rows = ABC;

    private List<List<TrendDimension>> pairs = ABC_pairs;
    private static final int YEARS = 30;

    @Test
    void noHiddenCountCanBeNarrowedBelowTheThresholdFromEverythingPublishedAboutAYear() {
        audit(YEARS, 20, 400);
    }

    /**
     * Three partners, one much smaller: each partner's board reads its own row of every table by
     * organisation, for months, quarters and the year; the partnership's board reads the whole
     * tables and the partnership's one-way tables, which are their margins. The intruder holds all
     * of it at once, so taking a partner's table from the partnership's reveals nothing hidden.
     */
    @Test
    void aPartnersOwnTablesAndThePartnershipsCannotBeSubtractedToRevealTheRest() {
        rows = new EnumMap<>(Map.of(
                A,
                A.knownValues().subList(0, 4),
                TrendDimension.ORGANISATION,
                List.of("castle-council", "castle-police", "castle-homes")));
        pairs = List.of(List.of(A, TrendDimension.ORGANISATION));
        audit(10, 20, 250);
    }

    private void audit(int years, int fewest, int spread) {
        int hiddenCounts = 0;
        for (int seed = 1; seed <= years; seed++) {
            var random = new Random(seed);
            var stored = generatedYear(random, fewest + random.nextInt(spread));
            var year = new ProtectedFinancialYear(YEAR, stored, rows, THRESHOLD, 12);
            var intruder = new Intruder();
            intruder.read(year, List.of(), Granularity.MONTH, Granularity.QUARTER, Granularity.FINANCIAL_YEAR);
            for (var d : rows.keySet()) {
                intruder.read(year, List.of(d), Granularity.MONTH, Granularity.QUARTER, Granularity.FINANCIAL_YEAR);
            }
            pairs.forEach(pair -> intruder.read(
                    year,
                    pair,
                    ProtectedFinancialYear.byPeriod(pair)
                            ? new Granularity[] {Granularity.MONTH, Granularity.QUARTER, Granularity.FINANCIAL_YEAR}
                            : new Granularity[] {Granularity.FINANCIAL_YEAR}));
            var truth = truth(stored);
            intruder.published.forEach(
                    (key, n) -> assertThat(n).as("published %s", key).isEqualTo(truth.get(key)));
            truth.forEach((key, n) -> {
                if (n > 0 && n < THRESHOLD) {
                    assertThat(intruder.published).as("small count %s", key).doesNotContainKey(key);
                }
            });
            for (String hidden : intruder.hidden()) {
                if (truth.get(hidden) == 0) {
                    continue; // a hidden zero found to be zero tells of nobody; the counts beside it must still hold
                }
                double[] range = intruder.range(hidden);
                assertThat(range[1] - range[0])
                        .as(
                                "year %d: %s (%d) lies in [%.2f, %.2f]",
                                seed, hidden, truth.get(hidden), range[0], range[1])
                        .isGreaterThanOrEqualTo(THRESHOLD - 1e-6);
                hiddenCounts++;
            }
        }
        System.out.printf(
                "Intruder audit of %s: %d generated years, %d hidden counts of one or more, none narrowed below %d%n",
                rows.keySet(), years, hiddenCounts, THRESHOLD);
    }

    @Test
    void whatIsPublishedWhenAMonthClosesIsNeverChangedByLaterMonths() {
        for (int seed = 100; seed < 110; seed++) {
            var stored = generatedYear(new Random(seed), 150);
            var whole = new ProtectedFinancialYear(YEAR, stored, rows, THRESHOLD, 12);
            for (int closed = 1; closed < 12; closed++) {
                var partial = new ProtectedFinancialYear(YEAR, stored, rows, THRESHOLD, closed);
                for (var dimensions : List.of(List.<TrendDimension>of(), List.of(A), List.of(B))) {
                    for (var granularity : List.of(Granularity.MONTH, Granularity.QUARTER)) {
                        var later = whole.publish(granularity, dimensions);
                        partial.publish(granularity, dimensions)
                                .forEach((first, cells) -> assertThat(cells)
                                        .as("%s %s once %d months closed", first, dimensions, 12)
                                        .isEqualTo(later.get(first)));
                    }
                }
            }
        }
    }

    /** Cases spread unevenly over months and values, as real reports are: many small cells, some large. */
    private Map<YearMonth, Map<String, Long>> generatedYear(Random random, int cases) {
        var weights = new HashMap<TrendDimension, double[]>();
        rows.forEach((d, values) -> weights.put(
                d,
                IntStream.range(0, values.size())
                        .mapToDouble(i -> Math.pow(random.nextDouble(), 2) + 0.02)
                        .toArray()));
        double[] monthWeights = IntStream.range(0, 12)
                .mapToDouble(i -> 0.3 + random.nextDouble())
                .toArray();
        var stored = new HashMap<YearMonth, Map<String, Long>>();
        for (int i = 0; i < cases; i++) {
            YearMonth month = YearMonth.of(YEAR, 4).plusMonths(pick(random, monthWeights));
            var values = new EnumMap<TrendDimension, java.util.Set<String>>(TrendDimension.class);
            rows.forEach((d, shown) ->
                    values.put(d, new java.util.TreeSet<>(List.of(shown.get(pick(random, weights.get(d)))))));
            if (values.containsKey(C)
                    && !values.get(C).contains(TrendDimension.NONE)
                    && random.nextDouble() < 0.15) { // a second perceived motivation
                values.get(C).add(rows.get(C).get(random.nextInt(rows.get(C).size() - 1)));
            }
            var cells = stored.computeIfAbsent(month, m -> new HashMap<>());
            cells.merge(CaseFacts.ALL, 1L, Long::sum);
            var dimensions = List.copyOf(values.keySet());
            for (int x = 0; x < dimensions.size(); x++) {
                var d = dimensions.get(x);
                for (String v : values.get(d)) {
                    cells.merge(d.cell(v), 1L, Long::sum);
                    for (var e : dimensions.subList(x + 1, dimensions.size())) {
                        for (String w : values.get(e)) {
                            cells.merge(TrendDimension.cell(d, v, e, w), 1L, Long::sum);
                        }
                    }
                }
            }
        }
        return stored;
    }

    private static int pick(Random random, double[] weights) {
        double r = random.nextDouble() * java.util.Arrays.stream(weights).sum();
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r <= 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** Every count the tables could show, by the intruder's key: period and cell. */
    private Map<String, Long> truth(Map<YearMonth, Map<String, Long>> stored) {
        var truth = new HashMap<String, Long>();
        for (var cells : List.of(allCells())) {
            for (String cell : cells) {
                for (int m = 0; m < 12; m++) {
                    YearMonth month = YearMonth.of(YEAR, 4).plusMonths(m);
                    long n = stored.getOrDefault(month, Map.of()).getOrDefault(cell, 0L);
                    truth.merge(period(Granularity.MONTH, month) + "|" + cell, n, Long::sum);
                    truth.merge(period(Granularity.QUARTER, month) + "|" + cell, n, Long::sum);
                    truth.merge(period(Granularity.FINANCIAL_YEAR, month) + "|" + cell, n, Long::sum);
                }
            }
        }
        return truth;
    }

    private List<String> allCells() {
        var cells = new ArrayList<String>();
        cells.add(CaseFacts.ALL);
        rows.forEach((d, values) -> values.forEach(v -> cells.add(d.cell(v))));
        for (var pair : pairs) {
            for (String v : rows.get(pair.get(0))) {
                for (String w : rows.get(pair.get(1))) {
                    cells.add(TrendDimension.cell(pair.get(0), v, pair.get(1), w));
                }
            }
        }
        return cells;
    }

    private static String period(Granularity granularity, YearMonth month) {
        return granularity.label(month);
    }

    /** What the intruder knows: published counts, hidden ones, and every way they add up. */
    private final class Intruder {
        final Map<String, Long> published = new LinkedHashMap<>();
        final Map<String, Boolean> seen = new LinkedHashMap<>();
        final List<List<String>> lines = new ArrayList<>();
        /** Lines whose parts add up to at least the total: a breakdown by something a case can have several of. */
        final java.util.Set<List<String>> atLeast = new java.util.HashSet<>();

        final Map<String, java.util.Set<String>> parts = new LinkedHashMap<>();

        void read(ProtectedFinancialYear year, List<TrendDimension> dimensions, Granularity... granularities) {
            for (var granularity : granularities) {
                year.publish(granularity, dimensions).forEach((first, cells) -> {
                    var byValues = new HashMap<List<String>, String>();
                    for (var cell : cells) {
                        String key = key(cell.period(), dimensions, cell.values());
                        byValues.put(cell.values(), key);
                        seen.put(key, cell.suppressed());
                        if (!cell.suppressed()) {
                            assertThat(published.put(key, cell.count()))
                                    .as("%s shown twice differently", key)
                                    .isIn(null, cell.count());
                        }
                    }
                    tableLines(dimensions, byValues);
                    if (granularity != Granularity.FINANCIAL_YEAR && ProtectedFinancialYear.byPeriod(dimensions)) {
                        periodLines(granularity, first, dimensions, byValues.keySet());
                    }
                });
            }
        }

        /** Each row and column of a table adds up to its total. */
        void tableLines(List<TrendDimension> dimensions, Map<List<String>, String> byValues) {
            String all = TrendTable.ALL;
            if (dimensions.size() == 1) {
                var line = new ArrayList<String>();
                rows.get(dimensions.get(0)).forEach(v -> line.add(byValues.get(List.of(v))));
                line.add(byValues.get(List.of(all)));
                add(line, dimensions.get(0));
            } else if (dimensions.size() == 2) {
                var firsts = rows.get(dimensions.get(0));
                var columns = rows.get(dimensions.get(1));
                for (String v : firsts) {
                    var line = new ArrayList<String>();
                    columns.forEach(w -> line.add(byValues.get(List.of(v, w))));
                    line.add(byValues.get(List.of(v, all)));
                    add(line, dimensions.get(1));
                }
                for (String w : columns) {
                    var line = new ArrayList<String>();
                    firsts.forEach(v -> line.add(byValues.get(List.of(v, w))));
                    line.add(byValues.get(List.of(all, w)));
                    add(line, dimensions.get(0));
                }
            }
        }

        void add(List<String> line, TrendDimension summedOver) {
            lines.add(line);
            if (summedOver.multiValued()) {
                atLeast.add(line);
            }
        }

        /** A month's count is part of its quarter's and its year's; a quarter's part of its year's. */
        void periodLines(
                Granularity granularity,
                YearMonth first,
                List<TrendDimension> dimensions,
                java.util.Set<List<String>> values) {
            var coarser = granularity == Granularity.MONTH
                    ? List.of(Granularity.QUARTER, Granularity.FINANCIAL_YEAR)
                    : List.of(Granularity.FINANCIAL_YEAR);
            for (var cellValues : values) {
                for (var coarse : coarser) {
                    String whole = key(coarse.label(first), dimensions, cellValues);
                    parts.computeIfAbsent(granularity + ">" + whole, k -> new java.util.LinkedHashSet<>())
                            .add(key(granularity.label(first), dimensions, cellValues));
                }
            }
        }

        List<List<String>> allLines() {
            var all = new ArrayList<>(lines);
            parts.forEach((whole, partsOfIt) -> {
                var line = new ArrayList<>(partsOfIt);
                line.add(whole.substring(whole.indexOf('>') + 1));
                all.add(line);
            });
            return all;
        }

        List<String> hidden() {
            return seen.entrySet().stream()
                    .filter(Map.Entry::getValue)
                    .map(Map.Entry::getKey)
                    .toList();
        }

        double[] range(String target) {
            return new double[] {solve(target, false), solve(target, true)};
        }

        double solve(String target, boolean maximise) {
            var model = new ExpressionsBasedModel();
            var variables = new HashMap<String, Variable>();
            for (var parts : allLines()) {
                boolean lowerBound = atLeast.contains(parts);
                var sum = model.addExpression();
                long known = 0;
                for (int i = 0; i < parts.size(); i++) {
                    int sign = i == parts.size() - 1 ? -1 : 1;
                    String key = parts.get(i);
                    Long shown = published.get(key);
                    if (shown != null) {
                        known += sign * shown;
                    } else {
                        sum.set(
                                variables.computeIfAbsent(
                                        key, k -> model.addVariable(k).lower(0)),
                                sign);
                    }
                }
                if (lowerBound) {
                    sum.lower(-known);
                } else {
                    sum.level(-known);
                }
            }
            var variable =
                    variables.computeIfAbsent(target, k -> model.addVariable(k).lower(0));
            variable.weight(1);
            Optimisation.Result result = maximise ? model.maximise() : model.minimise();
            if (result.getState() == Optimisation.State.UNBOUNDED) {
                return maximise ? Double.POSITIVE_INFINITY : 0;
            }
            assertThat(result.getState().isFeasible())
                    .as("the published tables are consistent")
                    .isTrue();
            return result.getValue();
        }
    }

    /** The same number however it was asked for: the period and the values that are not ALL. */
    private static String key(String period, List<TrendDimension> dimensions, List<String> values) {
        return period + "|" + TrendDimension.cellOf(dimensions, values);
    }
}
