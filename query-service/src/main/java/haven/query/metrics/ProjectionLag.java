package haven.query.metrics;

import haven.infra.eventstore.HavenEventStorageEngine;
import haven.query.web.Background;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.springboot.EventProcessorProperties;
import org.springframework.stereotype.Component;

/**
 * How far each projection is behind the event store, as this instance sees it: events stored
 * but not yet projected by the segments it holds, and how long the oldest of them has waited.
 * An instance that holds none of a projection's segments reports no value for it, so the
 * dashboard takes the maximum over instances. Measured every {@code haven.metrics.measure-every} in the {@link Background},
 * never on the scrape, so a store outage does not stall {@code /actuator/prometheus}.
 */
@Component
class ProjectionLag implements MeterBinder {

    record Lag(double events, double seconds) {
        static final Lag UNKNOWN = new Lag(Double.NaN, Double.NaN);
    }

    private final EventProcessingConfiguration processing;
    private final EventProcessorProperties processors;
    private final HavenEventStorageEngine store;
    private final Clock clock;
    private final Map<String, Lag> lags = new ConcurrentHashMap<>();

    ProjectionLag(
            EventProcessingConfiguration processing,
            EventProcessorProperties processors,
            HavenEventStorageEngine store,
            Clock clock,
            Background background) {
        this.processing = processing;
        this.processors = processors;
        this.store = store;
        this.clock = clock;
        background.measure("measure projection lag", this::measure, () -> lags.replaceAll((name, lag) -> Lag.UNKNOWN));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String name : processors.getProcessors().keySet()) {
            lags.put(name, Lag.UNKNOWN);
            Gauge.builder(
                            "haven.projection.lag.events",
                            lags,
                            l -> l.getOrDefault(name, Lag.UNKNOWN).events())
                    .tag("processor", name)
                    .baseUnit("events")
                    .description("Events stored that this instance's segments of the projection have not yet projected")
                    .register(registry);
            Gauge.builder(
                            "haven.projection.lag.seconds",
                            lags,
                            l -> l.getOrDefault(name, Lag.UNKNOWN).seconds())
                    .tag("processor", name)
                    .baseUnit("seconds")
                    .description("How long the oldest event not yet projected has been stored")
                    .register(registry);
        }
    }

    private void measure() {
        long head = store.createHeadToken().position().orElse(-1);
        for (String name : lags.keySet()) {
            lags.put(
                    name,
                    processing
                            .eventProcessor(name, StreamingEventProcessor.class)
                            .map(processor -> lag(processor, head))
                            .orElse(Lag.UNKNOWN));
        }
    }

    Lag lag(StreamingEventProcessor processor, long head) {
        OptionalLong slowest = processor.processingStatus().values().stream()
                .mapToLong(segment -> position(segment))
                .min();
        if (slowest.isEmpty()) {
            return Lag.UNKNOWN;
        }
        long behind = Math.max(0, head - slowest.getAsLong());
        double waited = behind == 0
                ? 0
                : store.storedAtOrAfter(slowest.getAsLong() + 1)
                        .map(stored -> Math.max(
                                0, Duration.between(stored, clock.instant()).toMillis() / 1000.0))
                        .orElse(0.0);
        return new Lag(behind, waited);
    }

    private static long position(EventTrackerStatus segment) {
        return segment.getCurrentPosition().orElse(-1);
    }
}
