package haven.query.trends;

import haven.events.MonitoringQuestion;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many of a period's monitoring returns answered a question other than "prefer not to say"
 * (left unanswered counts as not declared), worked out from the published table alone: the
 * returns, less those who preferred not to say and those who left it. Where any of the three is
 * hidden the rate is too, so a rate never tells more than the table beside it.
 *
 * @param returns the period's returns, null where hidden
 * @param declared those that answered, null where it cannot be worked out from what is published
 * @param percent {@code declared} as a whole percentage of {@code returns}; null where hidden or there were none
 */
public record DeclarationRate(Long returns, Long declared, Integer percent) {

    /** The rates of each period of a one-way table of a monitoring question's answers; null for any other table. */
    static Map<String, DeclarationRate> of(TrendReader.Report report) {
        if (!report.cases().equals(Population.RETURNS.label())
                || report.dimensions().size() != 1) {
            return null;
        }
        var dimension = TrendDimension.labelled(report.dimensions().get(0));
        if (dimension.isEmpty() || !dimension.get().ofMonitoringReturns()) {
            return null;
        }
        var byPeriod = new LinkedHashMap<String, Map<String, TrendTable.Cell>>();
        report.cells()
                .forEach(cell -> byPeriod.computeIfAbsent(cell.period(), p -> new LinkedHashMap<>())
                        .put(cell.values().get(0), cell));
        var rates = new LinkedHashMap<String, DeclarationRate>();
        byPeriod.forEach((period, cells) -> rates.put(period, of(cells)));
        return rates;
    }

    private static DeclarationRate of(Map<String, TrendTable.Cell> cells) {
        Long returns = published(cells.get(TrendTable.ALL));
        Long preferred = published(cells.get(MonitoringQuestion.PREFER_NOT_TO_SAY));
        Long unanswered = published(cells.get(TrendDimension.NONE));
        if (returns == null || preferred == null || unanswered == null) {
            return new DeclarationRate(returns, null, null);
        }
        long declared = returns - preferred - unanswered;
        return new DeclarationRate(
                returns, declared, returns == 0 ? null : (int) Math.round(100.0 * declared / returns));
    }

    private static Long published(TrendTable.Cell cell) {
        return cell == null || cell.suppressed() ? null : cell.count();
    }

    /** As a board paper shows it: a percentage, [c] where hidden, nothing where there were no returns. */
    public String shown() {
        if (percent != null) {
            return percent + "%";
        }
        return returns != null && returns == 0 ? "" : "[c]";
    }
}
