package haven.query.caseload;

import haven.events.RiskLevel;
import haven.query.web.Background;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Open cases by status and risk, and how many of them are overdue, read from the counts the caseload
 * keeps ({@link OpenCaseCounts}) every {@code haven.metrics.measure-every} (15 s). Tags are the status and risk level only:
 * nothing that names or points at a case.
 * Every instance reads the same view, so the dashboard takes the maximum over instances.
 */
@Component
class OpenCaseGauges implements MeterBinder {

    static final String NO_RISK_YET = "UNTRIAGED";
    private static final List<String> RISKS = Stream.concat(
                    Arrays.stream(RiskLevel.values()).map(Enum::name), Stream.of(NO_RISK_YET))
            .toList();

    private final CaseViews views;
    private final Clock clock;
    /** "status/risk" and "overdue/risk" → count; absent until first counted. */
    private final Map<String, Double> counts = new ConcurrentHashMap<>();

    OpenCaseGauges(CaseViews views, Clock clock, Background background) {
        this.views = views;
        this.clock = clock;
        background.measure("count open cases", this::count, () -> counts.replaceAll((key, count) -> Double.NaN));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String risk : RISKS) {
            for (CaseStatus status : CaseStatus.values()) {
                if (status != CaseStatus.CLOSED) {
                    Gauge.builder("haven.cases.open", counts, c -> c.getOrDefault(status + "/" + risk, Double.NaN))
                            .tags("status", status.name(), "risk", risk)
                            .description("Open cases")
                            .register(registry);
                }
            }
            Gauge.builder("haven.cases.overdue", counts, c -> c.getOrDefault("overdue/" + risk, Double.NaN))
                    .tag("risk", risk)
                    .description("Open cases past their first-contact or resolution date")
                    .register(registry);
        }
    }

    private void count() {
        LocalDate today = LocalDate.now(clock);
        var fresh = new HashMap<String, Double>();
        for (String risk : RISKS) {
            for (CaseStatus status : CaseStatus.values()) {
                fresh.put(status + "/" + risk, 0.0);
            }
            fresh.put("overdue/" + risk, 0.0);
        }
        var live = views.live();
        OpenCaseCounts.read(live).orElseGet(() -> rowByRow(live)).forEach((bucket, n) -> {
            String[] statusRiskDue = bucket.split("/", -1);
            String risk = statusRiskDue[1];
            fresh.merge(statusRiskDue[0] + "/" + risk, (double) n, Double::sum);
            if (!statusRiskDue[2].isEmpty() && LocalDate.parse(statusRiskDue[2]).isBefore(today)) {
                fresh.merge("overdue/" + risk, (double) n, Double::sum);
            }
        });
        counts.putAll(fresh);
    }

    /** Counted from every open case's row: a view built before its counts were kept ({@link OpenCaseCounts}). */
    private static Map<String, Integer> rowByRow(CaseViews.Generation live) {
        var buckets = new HashMap<String, Integer>();
        for (Document row : live.openCases()
                .find()
                .projection(new Document(CaseFile.STATUS, 1)
                        .append(CaseFile.RISK, 1)
                        .append(CaseFile.TRIAGE_DUE, 1)
                        .append(CaseFile.FIRST_CONTACT_DUE, 1)
                        .append(CaseFile.FIRST_CONTACT_MADE, 1)
                        .append(CaseFile.RESOLUTION_DUE, 1))) {
            String bucket = OpenCaseCounts.bucketOf(row);
            if (bucket != null) {
                buckets.merge(bucket, 1, Integer::sum);
            }
        }
        return buckets;
    }
}
