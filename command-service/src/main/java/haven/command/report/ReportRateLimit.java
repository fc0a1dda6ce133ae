package haven.command.report;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import haven.infra.security.TooManyAttempts;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * At most so many reports per client address in a period ({@code HAVEN_REPORT_RATE_LIMIT}, e.g.
 * {@code 10/PT10M}; {@code off} for load tests and benchmarks): one person cannot bury the team's
 * queue or the board's counts. The address is the real client's ({@code ClientAddress}), held only
 * in memory as a bucket key.
 */
@Component
class ReportRateLimit {

    private static final Pattern SETTING = Pattern.compile("(\\d{1,6})/(P\\S+)");

    private final Bandwidth limit;
    private final Cache<String, Bucket> buckets;

    ReportRateLimit(@Value("${haven.reports.rate-limit:10/PT10M}") String setting) {
        this.limit = "off".equalsIgnoreCase(setting.trim()) ? null : parse(setting.trim());
        this.buckets = Caffeine.newBuilder()
                .expireAfterAccess(
                        limit == null
                                ? Duration.ofMinutes(1)
                                : Duration.ofNanos(limit.getRefillPeriodNanos()).multipliedBy(2))
                .maximumSize(1_000_000)
                .build();
    }

    private static Bandwidth parse(String setting) {
        var parts = SETTING.matcher(setting);
        try {
            if (parts.matches()) {
                int reports = Integer.parseInt(parts.group(1));
                Duration period = Duration.parse(parts.group(2));
                if (reports > 0 && !period.isNegative() && !period.isZero()) {
                    return Bandwidth.builder()
                            .capacity(reports)
                            .refillIntervally(reports, period)
                            .build();
                }
            }
        } catch (DateTimeParseException e) {
            // falls through to the one message below
        }
        throw new IllegalArgumentException("haven.reports.rate-limit (HAVEN_REPORT_RATE_LIMIT) must be reports per "
                + "period, like 10/PT10M, or off");
    }

    /** @throws TooManyAttempts when this client has sent its share for now */
    void admit(String client) {
        if (limit == null) {
            return;
        }
        var probe = buckets.get(client, key -> Bucket.builder().addLimit(limit).build())
                .tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new TooManyAttempts(
                    Duration.ofNanos(probe.getNanosToWaitForRefill()).plusSeconds(1),
                    "too-many-reports",
                    "Too many reports",
                    "Too many reports from one place in a short time. Nothing was saved: send it again in");
        }
    }
}
