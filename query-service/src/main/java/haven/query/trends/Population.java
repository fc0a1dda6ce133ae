package haven.query.trends;

import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;

/**
 * Which cases a table counts. Recorded: the cases staff triaged (or imported) in a month, as they
 * stood at the end of that month; a report nobody has triaged counts nowhere, so made-up reports
 * cannot move a published count. Resolved: the cases resolved in a month, with their outcome.
 */
enum Population {
    RECORDED("recorded"),
    RESOLVED("resolved");

    private final String label;

    Population(String label) {
        this.label = label;
    }

    static Population counting(List<TrendDimension> dimensions) {
        return dimensions.stream().anyMatch(TrendDimension::ofResolvedCases) ? RESOLVED : RECORDED;
    }

    String label() {
        return label;
    }

    /** The dimensions its cases are counted by. */
    List<TrendDimension> dimensions() {
        return Arrays.stream(TrendDimension.values()).filter(d -> this == RESOLVED || !d.ofResolvedCases()).toList();
    }

    /** The stored document holding this population's counts for a month. */
    String document(YearMonth month) {
        return label + "/" + month;
    }
}
