package haven.query.trends;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * Cell suppression that survives an intruder with a linear-programming solver, decided step by
 * step in the order tables are published, so that a decision once published never changes.
 *
 * <p>Entries are the cells of tables; a {@link Line} is a set of entries whose others add up to the
 * last. At each step the entries first published then are decided: counts from 1 to threshold − 1
 * are hidden (primary); in a table, a breakdown of a hidden total is hidden whole, and a row or
 * column that hides a count hides its zeros too, so no hidden count can be told to be at least one;
 * a line whose one hidden entry is a count hides its smallest other count. Then an audit asks, for
 * every hidden count (not zero) the new step touches, the least and the greatest value it can take
 * given everything published so far (every hidden entry is only known to be at least 0): when that
 * range is narrower than the threshold, a published entry of this step next to it is hidden too,
 * and the audit repeats. A hidden zero may be found to be zero (a column of zeros says so): that
 * tells of nobody, and the audit of the counts beside it takes it into account. Entries decided elsewhere ({@code given}: the margins of a larger table, published
 * before) keep their state and take part in the audit.
 */
final class Suppression {

    /**
     * Entries whose others add up to the last (or, {@code atLeast}, to at least the last: a breakdown by
     * something a case can have several of); within a table the last is the total they break down.
     */
    record Line(int[] entries, boolean withinTable, boolean atLeast) {}

    private final int threshold;
    private final Map<String, Integer> byKey = new HashMap<>();
    private final List<String> keys = new ArrayList<>();
    private final List<Long> counts = new ArrayList<>();
    private final List<Integer> steps = new ArrayList<>();
    private final List<Boolean> given = new ArrayList<>();
    private final List<Line> lines = new ArrayList<>();
    private final Set<String> lineKeys = new java.util.HashSet<>();

    Suppression(int threshold) {
        this.threshold = threshold;
    }

    /** The entry for a key, added when new: published at {@code step}, decided here when {@code given} is null. */
    int entry(String key, long count, int step, Boolean hidden) {
        Integer known = byKey.get(key);
        if (known != null) {
            return known;
        }
        byKey.put(key, counts.size());
        keys.add(key);
        counts.add(count);
        steps.add(step);
        given.add(hidden);
        return counts.size() - 1;
    }

    void line(int[] entries, boolean withinTable, boolean atLeast) {
        if (lineKeys.add(java.util.Arrays.toString(entries))) {
            lines.add(new Line(entries, withinTable, atLeast));
        }
    }

    /** This problem's entries and lines, as decided by {@code hidden}, become given entries of {@code target}. */
    void giveTo(Suppression target, boolean[] hidden) {
        int[] there = new int[keys.size()];
        for (int e = 0; e < keys.size(); e++) {
            there[e] = target.entry(keys.get(e), counts.get(e), steps.get(e), hidden[e]);
        }
        lines.forEach(line -> target.line(
                IntStream.of(line.entries()).map(e -> there[e]).toArray(), line.withinTable(), line.atLeast()));
    }

    /** Whether the entry for {@code key} is hidden in {@code hidden}; null when there is none. */
    Boolean hidden(String key, boolean[] hidden) {
        Integer e = byKey.get(key);
        return e == null ? null : hidden[e];
    }

    /** Which entries are hidden once every step up to {@code lastStep} is published. */
    boolean[] solve(int lastStep) {
        var state = new State();
        for (int step = 1; step <= lastStep; step++) {
            state.publish(step);
        }
        return state.hidden;
    }

    private final class State {
        final boolean[] hidden = new boolean[counts.size()];
        final List<List<Line>> linesOf = new ArrayList<>();
        int step;

        State() {
            counts.forEach(c -> linesOf.add(new ArrayList<>()));
            lines.forEach(line ->
                    IntStream.of(line.entries()).forEach(e -> linesOf.get(e).add(line)));
        }

        void publish(int now) {
            step = now;
            var fresh = new ArrayList<Integer>();
            for (int e = 0; e < counts.size(); e++) {
                if (steps.get(e) == now) {
                    if (given.get(e) != null) {
                        hidden[e] = given.get(e);
                    } else {
                        fresh.add(e);
                        hidden[e] = counts.get(e) > 0 && counts.get(e) < threshold;
                    }
                }
            }
            if (fresh.isEmpty()) {
                return;
            }
            close();
            // hiding more only widens every range, so an entry found wide stays wide within a step
            var wide = new java.util.HashSet<Integer>();
            for (int narrow = firstNarrow(fresh, wide); narrow >= 0; narrow = firstNarrow(fresh, wide)) {
                int widening = widening(narrow);
                if (widening < 0) {
                    fresh.forEach(e -> hidden[e] = true); // publishes nothing new about it
                    return;
                }
                hidden[widening] = true;
                close();
            }
        }

        boolean fresh(int e) {
            return steps.get(e) == step && given.get(e) == null;
        }

        boolean active(Line line) {
            return IntStream.of(line.entries()).allMatch(e -> steps.get(e) <= step);
        }

        /** Applies the table rules until nothing changes. */
        void close() {
            boolean changed = true;
            while (changed) {
                changed = false;
                for (Line line : lines) {
                    if (!active(line) || IntStream.of(line.entries()).noneMatch(this::fresh)) {
                        continue;
                    }
                    int[] entries = line.entries();
                    int total = entries[entries.length - 1];
                    boolean hidesACount = IntStream.of(entries).anyMatch(e -> hidden[e] && counts.get(e) > 0);
                    if (line.withinTable() && (hidden[total] || hidesACount)) {
                        for (int e : entries) {
                            if (fresh(e) && !hidden[e] && (hidden[total] || counts.get(e) == 0)) {
                                hidden[e] = true;
                                changed = true;
                            }
                        }
                    }
                    var hiddenIn = IntStream.of(entries).filter(e -> hidden[e]).toArray();
                    if (!line.atLeast() && hiddenIn.length == 1 && counts.get(hiddenIn[0]) > 0) {
                        int smallest = smallestShown(entries);
                        if (smallest >= 0) {
                            hidden[smallest] = true;
                            changed = true;
                        }
                    }
                }
            }
        }

        /** The fresh, shown entry that costs least to hide: the smallest count, zeros last; -1 if none. */
        int smallestShown(int[] entries) {
            int best = -1;
            for (int e : entries) {
                if (fresh(e) && !hidden[e] && (best < 0 || rank(e) < rank(best))) {
                    best = e;
                }
            }
            return best;
        }

        long rank(int e) {
            return counts.get(e) == 0 ? Long.MAX_VALUE : counts.get(e);
        }

        /**
         * The first hidden entry whose range an intruder can narrow below the threshold, among those
         * connected to this step's entries by lines with hidden entries in them; -1 if none.
         */
        int firstNarrow(List<Integer> fresh, Set<Integer> wide) {
            var component = new LinkedHashSet<Integer>();
            var queue = new ArrayDeque<Integer>();
            for (int e : fresh) {
                for (Line line : linesOf.get(e)) {
                    if (active(line)) {
                        IntStream.of(line.entries()).filter(h -> hidden[h]).forEach(queue::add);
                    }
                }
            }
            var activeLines = new LinkedHashSet<Line>();
            while (!queue.isEmpty()) {
                int e = queue.poll();
                if (!component.add(e)) {
                    continue;
                }
                for (Line line : linesOf.get(e)) {
                    if (active(line) && activeLines.add(line)) {
                        IntStream.of(line.entries())
                                .filter(h -> hidden[h] && !component.contains(h))
                                .forEach(queue::add);
                    }
                }
            }
            for (int e : component) {
                if (counts.get(e) > 0 && !wide.contains(e)) { // a hidden zero found to be zero tells of nobody
                    if (!wide(e, component, activeLines)) {
                        return e;
                    }
                    wide.add(e);
                }
            }
            return -1;
        }

        /**
         * Whether an intruder cannot narrow entry {@code e} below the threshold. Its true count lies
         * in its range, so one program often settles it: a small count that can be a threshold
         * larger, or a large one a threshold smaller, needs no second.
         */
        boolean wide(int e, Set<Integer> unknowns, Set<Line> constraints) {
            long count = counts.get(e);
            boolean upFirst = count < threshold;
            double first = solve(e, unknowns, constraints, upFirst);
            if (Math.abs(first - count) >= threshold - 1e-6) {
                return true;
            }
            double second = solve(e, unknowns, constraints, !upFirst);
            return Math.abs(first - second) >= threshold - 1e-6;
        }

        double solve(int target, Set<Integer> unknowns, Set<Line> constraints, boolean maximise) {
            var model = new ExpressionsBasedModel();
            var variables = new HashMap<Integer, Variable>();
            for (int e : unknowns) {
                variables.put(e, model.addVariable("x" + e).lower(0));
            }
            for (Line line : constraints) {
                Expression sum = model.addExpression();
                int[] entries = line.entries();
                long known = 0;
                for (int i = 0; i < entries.length; i++) {
                    int sign = i == entries.length - 1 ? -1 : 1;
                    if (hidden[entries[i]]) {
                        sum.set(variables.get(entries[i]), sign);
                    } else {
                        known += sign * counts.get(entries[i]);
                    }
                }
                if (line.atLeast()) {
                    sum.lower(-known);
                } else {
                    sum.level(-known);
                }
            }
            variables.get(target).weight(1);
            Optimisation.Result result = maximise ? model.maximise() : model.minimise();
            if (result.getState() == Optimisation.State.UNBOUNDED) {
                return maximise ? Double.POSITIVE_INFINITY : 0;
            }
            if (!result.getState().isFeasible()) {
                throw new IllegalStateException("The published counts contradict each other: " + result.getState());
            }
            return result.getValue();
        }

        /**
         * A published entry of this step whose hiding gives {@code narrow} room: one on a line with it,
         * else one on a line with a hidden entry of those lines; the smallest non-zero count that is
         * enough, else the largest; -1 if there is none.
         */
        int widening(int narrow) {
            var near = new BitSet();
            var twoAway = new BitSet();
            for (Line line : linesOf.get(narrow)) {
                if (!active(line)) {
                    continue;
                }
                for (int e : line.entries()) {
                    near.set(e);
                    if (hidden[e]) {
                        linesOf.get(e).stream()
                                .filter(this::active)
                                .forEach(other -> IntStream.of(other.entries()).forEach(twoAway::set));
                    }
                }
            }
            int pick = pick(near);
            return pick >= 0 ? pick : pick(twoAway);
        }

        int pick(BitSet candidates) {
            int enough = -1;
            int largest = -1;
            for (int e = candidates.nextSetBit(0); e >= 0; e = candidates.nextSetBit(e + 1)) {
                if (!fresh(e) || hidden[e]) {
                    continue;
                }
                long n = counts.get(e);
                if (n >= threshold && (enough < 0 || n < counts.get(enough))) {
                    enough = e;
                }
                if (largest < 0 || n > counts.get(largest)) {
                    largest = e;
                }
            }
            return enough >= 0 ? enough : largest;
        }
    }
}
