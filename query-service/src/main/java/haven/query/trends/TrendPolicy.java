package haven.query.trends;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How trends are published: counts from 1 to {@code threshold − 1} are suppressed, published
 * counts are rounded to the nearest {@code roundTo} (1: exact), and a query covering fewer than
 * {@code minimumPopulation} cases is refused.
 */
@ConfigurationProperties("haven.trends")
record TrendPolicy(int threshold, int roundTo, int minimumPopulation) {

    long rounded(long count) {
        return roundTo <= 1 ? count : Math.round(count / (double) roundTo) * roundTo;
    }
}
