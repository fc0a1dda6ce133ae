package haven.command.report;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

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
        this.buckets = Caffeine.newBuilder().expireAfterAccess(limit == null ? Duration.ofMinutes(1)
                : Duration.ofNanos(limit.getRefillPeriodNanos()).multipliedBy(2)).maximumSize(1_000_000).build();
    }

    private static Bandwidth parse(String setting) {
        var parts = SETTING.matcher(setting);
        try {
            if (parts.matches()) {
                int reports = Integer.parseInt(parts.group(1));
                Duration period = Duration.parse(parts.group(2));
                if (reports > 0 && !period.isNegative() && !period.isZero()) {
                    return Bandwidth.builder().capacity(reports).refillIntervally(reports, period).build();
                }
            }
        } catch (DateTimeParseException e) {
            // falls through to the one message below
        }
        throw new IllegalArgumentException("haven.reports.rate-limit (HAVEN_REPORT_RATE_LIMIT) must be reports per "
                + "period, like 10/PT10M, or off");
    }

    /** @throws TooManyReports when this client has sent its share for now */
    void admit(String client) {
        if (limit == null) {
            return;
        }
        var probe = buckets.get(client, key -> Bucket.builder().addLimit(limit).build()).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new TooManyReports(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1));
        }
    }

    /** 429 with {@code Retry-After}; nothing of the report was kept. */
    static final class TooManyReports extends ErrorResponseException {

        TooManyReports(long retryAfterSeconds) {
            super(HttpStatus.TOO_MANY_REQUESTS, problem(retryAfterSeconds), null);
            getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        }

        private static ProblemDetail problem(long retryAfterSeconds) {
            var problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, "Too many reports from one "
                    + "place in a short time. Nothing was saved: send it again in " + minutes(retryAfterSeconds) + ".");
            problem.setTitle("Too many reports");
            problem.setType(URI.create("urn:haven:problem:too-many-reports"));
            return problem;
        }

        private static String minutes(long seconds) {
            long minutes = (seconds + 59) / 60;
            return minutes == 1 ? "a minute" : minutes + " minutes";
        }
    }
}
