package haven.query.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Rebuilds a projection from the events: its reset handler clears the view, then the processor
 * replays every event up to where it stood. Progress is read from the processor's replay tokens
 * (events are numbered by global position), so it is true on whichever instance holds the segments;
 * the rate and time left are known on the instance that started the rebuild, which also logs them.
 */
@Component
public class Rebuilds implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Rebuilds.class);
    private static final Duration LOG_EVERY = Duration.ofSeconds(5);

    public record Progress(
            String processor,
            boolean rebuilding,
            long processed,
            long total,
            double percentage,
            Double eventsPerSecond,
            Long secondsLeft,
            Instant startedAt) {}

    private final Map<String, Instant> started = new ConcurrentHashMap<>();
    private final ScheduledExecutorService logger = Executors.newSingleThreadScheduledExecutor(runnable -> {
        var thread = new Thread(runnable, "rebuild-progress");
        thread.setDaemon(true);
        return thread;
    });
    private final Clock clock;

    Rebuilds(Clock clock) {
        this.clock = clock;
    }

    void start(StreamingEventProcessor processor) {
        processor.shutDown();
        try {
            processor.resetTokens();
        } catch (UnableToClaimTokenException heldElsewhere) {
            processor.start();
            throw new ResponseStatusException(
                    HttpStatus.CONFLICT,
                    "Another query-service instance is projecting part of " + processor.getName()
                            + ". Scale the query-service to one instance, rebuild, then scale it back.");
        }
        started.put(processor.getName(), clock.instant());
        processor.start();
        log.info("Rebuilding {} from the events", processor.getName());
        logger.schedule(() -> logUntilDone(processor), LOG_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    Progress progress(StreamingEventProcessor processor) {
        long processed = Long.MAX_VALUE;
        long total = 0;
        for (EventTrackerStatus status : processor.processingStatus().values()) {
            long position = status.getCurrentPosition().orElse(-1) + 1;
            processed = Math.min(processed, position);
            total = Math.max(
                    total, status.isReplaying() ? status.getResetPosition().orElse(position - 1) + 1 : position);
        }
        processed = processed == Long.MAX_VALUE ? 0 : Math.min(processed, total);
        boolean rebuilding = processor.isReplaying();
        Instant start = started.get(processor.getName());
        Double rate = null;
        Long secondsLeft = null;
        if (rebuilding && start != null) {
            double seconds =
                    Math.max(0.001, Duration.between(start, clock.instant()).toMillis() / 1000.0);
            rate = processed / seconds; // a rebuild starts from the first event
            secondsLeft = rate > 0 ? Math.round((total - processed) / rate) : null;
        }
        double percentage = total == 0 ? 100 : Math.floor(1000.0 * processed / total) / 10;
        return new Progress(
                processor.getName(),
                rebuilding,
                processed,
                total,
                rebuilding ? percentage : 100,
                rate,
                secondsLeft,
                start);
    }

    private void logUntilDone(StreamingEventProcessor processor) {
        var progress = progress(processor);
        if (progress.rebuilding()) {
            log.info(
                    "Rebuilding {}: {} of {} events ({}%), {} events/s, about {} s left",
                    progress.processor(),
                    progress.processed(),
                    progress.total(),
                    progress.percentage(),
                    progress.eventsPerSecond() == null ? "?" : Math.round(progress.eventsPerSecond()),
                    progress.secondsLeft() == null ? "?" : progress.secondsLeft());
            logger.schedule(() -> logUntilDone(processor), LOG_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            log.info("Rebuilt {}: {} events", progress.processor(), progress.total());
        }
    }

    @Override
    public void destroy() {
        logger.shutdownNow();
    }
}
