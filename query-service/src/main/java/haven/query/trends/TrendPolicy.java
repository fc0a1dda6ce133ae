package haven.query.trends;

import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How trends are published: counts from 1 to {@code threshold − 1} are hidden, a query covering
 * fewer than {@code minimumPopulation} cases is refused, and a month is published once it ended
 * {@code publishAfter} ago (so every event of the month has reached the counts), never before.
 */
@ConfigurationProperties("haven.trends")
record TrendPolicy(int threshold, int minimumPopulation, Duration publishAfter) {

    /** The last month whose counts are published. */
    YearMonth lastClosedMonth(Clock clock) {
        var now = clock.instant().atZone(clock.getZone());
        return YearMonth.from(now.minus(publishAfter)).minusMonths(1);
    }
}
