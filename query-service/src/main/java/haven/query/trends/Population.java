package haven.query.trends;

import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which cases a table counts. Recorded: the cases staff triaged (or imported) in a month, as they
 * stood at the end of that month; a report nobody has triaged counts nowhere, so made-up reports
 * cannot move a published count. Resolved: the cases resolved in a month, with their outcome.
 * Reopened: the cases reopened (on appeal or new evidence) in a month. Monitoring returns are not
 * cases: the answers reporters gave about themselves, counted apart.
 */
enum Population {
    RECORDED("recorded"),
    RESOLVED("resolved"),
    REOPENED("reopened"),
    /** reporters who said at the check-in after closure that they were treated badly for reporting */
    VICTIMISED("victimised"),
    /**
     * the reporters' equality monitoring returns, in the month each was made: counted by their answers,
     * the report's type and the partner told, never with a case
     */
    RETURNS("monitoring-returns");

    private final String label;

    Population(String label) {
        this.label = label;
    }

    static Population counting(List<TrendDimension> dimensions) {
        if (dimensions.stream().anyMatch(TrendDimension::ofMonitoringReturns)) {
            return RETURNS;
        }
        return dimensions.stream().anyMatch(TrendDimension::ofResolvedCases) ? RESOLVED : RECORDED;
    }

    static Optional<Population> labelled(String label) {
        return Arrays.stream(values()).filter(p -> p.label.equals(label)).findFirst();
    }

    String label() {
        return label;
    }

    /** The dimensions its cases (or returns) are counted by. */
    List<TrendDimension> dimensions() {
        if (this == RETURNS) {
            return Arrays.stream(TrendDimension.values())
                    .filter(d ->
                            d.ofMonitoringReturns() || d == TrendDimension.TYPE || d == TrendDimension.ORGANISATION)
                    .toList();
        }
        return Arrays.stream(TrendDimension.values())
                .filter(d -> !d.ofMonitoringReturns())
                .filter(d -> this == RESOLVED || !d.ofResolvedCases())
                .toList();
    }

    /** The stored document holding this population's counts for a month. */
    String document(YearMonth month) {
        return label + "/" + month;
    }
}
