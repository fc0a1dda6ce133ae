package haven.query.trends;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Statistical disclosure control for a published table. Primary suppression hides every count
 * from 1 to threshold − 1 (zeros may be shown). A line is a set of entries that add up (a row's
 * cells and its total, a column's, the totals and the grand total): if exactly one entry of a line
 * were hidden, subtracting the others would reveal it, so secondary suppression hides the line's
 * smallest other entry too, until no line has exactly one hidden entry.
 *
 * <p>Entries whose state is {@code given} (the margins of a two-way table, already protected as
 * one-way tables) keep it, so every query shows a margin the same way and no query can be
 * combined with another to undo a suppression; secondary suppression then picks other entries.
 */
final class DisclosureControl {

    private DisclosureControl() {
    }

    static boolean[] suppress(long[] counts, List<int[]> lines, int threshold, Boolean[] given) {
        boolean[] hidden = new boolean[counts.length];
        for (int i = 0; i < counts.length; i++) {
            hidden[i] = given[i] != null ? given[i] : counts[i] > 0 && counts[i] < threshold;
        }
        // each line is checked again only when one of its entries has just been hidden
        var linesOf = new ArrayList<List<int[]>>(counts.length);
        for (int i = 0; i < counts.length; i++) {
            linesOf.add(new ArrayList<>());
        }
        lines.forEach(line -> IntStream.of(line).forEach(entry -> linesOf.get(entry).add(line)));
        var toCheck = new ArrayDeque<int[]>(lines);
        while (!toCheck.isEmpty()) {
            int[] line = toCheck.poll();
            int choice = hiddenIn(line, hidden) == 1 ? smallestShown(line, counts, hidden, given) : -1;
            if (choice >= 0) {
                hidden[choice] = true;
                toCheck.addAll(linesOf.get(choice));
            }
        }
        return hidden;
    }

    private static int hiddenIn(int[] line, boolean[] hidden) {
        int n = 0;
        for (int entry : line) {
            n += hidden[entry] ? 1 : 0;
        }
        return n;
    }

    /** The shown, free entry that costs least to hide: the smallest non-zero count, else a zero; -1 if none. */
    private static int smallestShown(int[] line, long[] counts, boolean[] hidden, Boolean[] given) {
        int best = -1;
        for (int entry : line) {
            if (!hidden[entry] && given[entry] == null && (best < 0 || rank(counts[entry]) < rank(counts[best]))) {
                best = entry;
            }
        }
        return best;
    }

    private static long rank(long count) {
        return count == 0 ? Long.MAX_VALUE : count;
    }
}
