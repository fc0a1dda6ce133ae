package haven.query.web;

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
 * The query-service's periodic store work (gauges, segment sharing) on one background thread, so
 * a scrape only reads numbers already taken and no request waits for it. A store outage is
 * expected and not logged; the work simply runs again next time.
 */
@Component
public class Background implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Background.class);

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        var daemon = new Thread(runnable, "haven-background");
        daemon.setDaemon(true);
        return daemon;
    });
    private final Duration measureEvery;

    Background(@Value("${haven.metrics.measure-every:15s}") Duration measureEvery) {
        this.measureEvery = measureEvery;
    }

    /** Runs {@code work} every {@code period}; {@code onFailure} runs when it fails (a gauge forgets its value, say). */
    public void every(String what, Duration period, Runnable work, Runnable onFailure) {
        thread.scheduleWithFixedDelay(
                () -> {
                    try {
                        work.run();
                    } catch (RuntimeException e) {
                        onFailure.run();
                        if (StoreOutage.causeOf(e) == null) {
                            log.warn("Could not {}: {}", what, e.getClass().getSimpleName());
                        }
                    }
                },
                period.toMillis(),
                period.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Takes a gauge's measurement every {@code haven.metrics.measure-every} (15 s); {@code forget} blanks it on failure. */
    public void measure(String what, Runnable measure, Runnable forget) {
        every(what, measureEvery, measure, forget);
    }

    @Override
    public void destroy() {
        thread.shutdownNow();
    }
}
