package haven.infra.eventstore;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.axonframework.queryhandling.QueryMessage;

/**
 * Axon's message metrics without its {@code CapacityMonitor}, whose ten-minute sliding window keeps
 * one map entry per message handled: a rebuild of a million events held a million entries per
 * processor (84 MB at 100,000 events), and the heap grew with history. What remains is bounded:
 * counters and Micrometer timers under Axon's names ({@link MessageMeters}) and the latency gauge. Capacity, the
 * share of time spent handling, is the timer's rate: {@code rate(<name>_allTimer_seconds_sum[10m])}.
 */
public class BoundedMetricRegistry extends GlobalMetricRegistry {

    public BoundedMetricRegistry(MeterRegistry registry) {
        super(registry);
    }

    @Override
    public MessageMonitor<? super EventMessage<?>> registerEventProcessor(
            String name, Function<Message<?>, Iterable<Tag>> tags, Function<Message<?>, Iterable<Tag>> latencyTags) {
        return new MultiMessageMonitor<>(
                new MessageMeters(name, getRegistry(), tags),
                EventProcessorLatencyMonitor.builder()
                        .meterNamePrefix(name)
                        .meterRegistry(getRegistry())
                        .tagsBuilder(latencyTags)
                        .build());
    }

    @Override
    public MessageMonitor<? super CommandMessage<?>> registerCommandBus(
            String name, Function<Message<?>, Iterable<Tag>> tags) {
        return timedAndCounted(name, tags);
    }

    @Override
    public MessageMonitor<? super EventMessage<?>> registerEventBus(
            String name, Function<Message<?>, Iterable<Tag>> tags) {
        return timedAndCounted(name, tags);
    }

    @Override
    public MessageMonitor<? super QueryMessage<?, ?>> registerQueryBus(
            String name, Function<Message<?>, Iterable<Tag>> tags) {
        return timedAndCounted(name, tags);
    }

    private MessageMonitor<Message<?>> timedAndCounted(String name, Function<Message<?>, Iterable<Tag>> tags) {
        return new MessageMeters(name, getRegistry(), tags);
    }
}
