package haven.query.metrics;

import haven.infra.eventstore.StoreOutage;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Measures the gauges that need the store on one background thread, so a scrape only reads
 * numbers already taken. While the store is away a gauge reads "no value", not a stale one.
 */
@Component
public class Refresher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Refresher.class);

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        var daemon = new Thread(runnable, "metrics-refresher");
        daemon.setDaemon(true);
        return daemon;
    });

    private final Duration period;

    Refresher(@Value("${haven.metrics.measure-every:15s}") Duration period) {
        this.period = period;
    }

    /** Runs {@code measure} now and then; {@code forget} clears what it measured when it fails. */
    public void every(Runnable measure, Runnable forget) {
        thread.scheduleWithFixedDelay(() -> {
            try {
                measure.run();
            } catch (RuntimeException e) {
                forget.run();
                if (StoreOutage.causeOf(e) == null) {
                    log.warn("Could not measure a gauge: {}", e.getClass().getSimpleName());
                }
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        thread.shutdownNow();
    }
}
