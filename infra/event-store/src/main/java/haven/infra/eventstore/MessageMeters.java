package haven.infra.eventstore;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

/**
 * Axon's message timers and counters ({@code MessageTimerMonitor} and {@code MessageCountingMonitor}:
 * the same meter names and tags), registered once per set of tags. Axon's own look nine meters up
 * in the registry for every message, which was 12 % of the query-service's CPU in a rebuild
 * (BENCHMARKS.md). A set of tags is one per message type and processor, so the map stays small.
 */
final class MessageMeters implements MessageMonitor<Message<?>> {

    private final String prefix;
    private final MeterRegistry registry;
    private final Function<Message<?>, Iterable<Tag>> tagsOf;
    private final Map<Tags, Meters> meters = new ConcurrentHashMap<>();

    MessageMeters(String prefix, MeterRegistry registry, Function<Message<?>, Iterable<Tag>> tagsOf) {
        this.prefix = prefix;
        this.registry = registry;
        this.tagsOf = tagsOf;
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        Meters m = meters.computeIfAbsent(Tags.of(tagsOf.apply(message)), this::register);
        m.ingested.increment();
        long start = registry.config().clock().monotonicTime();
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                m.successful.increment();
                m.processed.increment();
                record(m.success);
            }

            @Override
            public void reportFailure(Throwable cause) {
                m.failed.increment();
                m.processed.increment();
                record(m.failure);
            }

            @Override
            public void reportIgnored() {
                m.ignoredCount.increment();
                record(m.ignored);
            }

            private void record(Timer outcome) {
                long took = registry.config().clock().monotonicTime() - start;
                m.all.record(took, TimeUnit.NANOSECONDS);
                outcome.record(took, TimeUnit.NANOSECONDS);
            }
        };
    }

    private Meters register(Tags tags) {
        return new Meters(
                timer("allTimer", tags),
                timer("successTimer", tags),
                timer("failureTimer", tags),
                timer("ignoredTimer", tags),
                counter("ingestedCounter", tags),
                counter("successCounter", tags),
                counter("failureCounter", tags),
                counter("processedCounter", tags),
                counter("ignoredCounter", tags));
    }

    private Timer timer(String name, Tags tags) {
        return Timer.builder(prefix + "." + name).tags(tags).register(registry);
    }

    private Counter counter(String name, Tags tags) {
        return registry.counter(prefix + "." + name, tags);
    }

    private record Meters(
            Timer all,
            Timer success,
            Timer failure,
            Timer ignored,
            Counter ingested,
            Counter successful,
            Counter failed,
            Counter processed,
            Counter ignoredCount) {}
}
