package haven.infra.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.junit.jupiter.api.Test;

class MessageMetersTest {

    private static final Function<Message<?>, Iterable<Tag>> BY_PAYLOAD =
            message -> List.of(Tag.of("payloadType", message.getPayloadType().getSimpleName()));

    @Test
    void dashboardsSeeTheMetersAxonsMonitorsWouldHaveMade() {
        var axons = new SimpleMeterRegistry();
        handleTheSameMessages(new MultiMessageMonitor<>(
                MessageTimerMonitor.buildMonitor("eventProcessor", axons, BY_PAYLOAD),
                MessageCountingMonitor.buildMonitor("eventProcessor", axons, BY_PAYLOAD)));
        var ours = new SimpleMeterRegistry();
        handleTheSameMessages(new MessageMeters("eventProcessor", ours, BY_PAYLOAD));

        assertThat(counts(ours)).isEqualTo(counts(axons)).hasSize(18); // nine meters for each of two payload types
    }

    private static void handleTheSameMessages(MessageMonitor<Message<?>> monitor) {
        for (int i = 0; i < 30; i++) {
            Object payload = i % 2 == 0 ? "text " + i : Integer.valueOf(i);
            var callback = monitor.onMessageIngested(GenericEventMessage.asEventMessage(payload));
            switch (i % 3) {
                case 0 -> callback.reportSuccess();
                case 1 -> callback.reportFailure(new IllegalStateException("refused"));
                default -> callback.reportIgnored();
            }
        }
    }

    /** Every timer and counter by name and tags, with how many it timed or counted (Axon's percentile gauges are switched off in the services). */
    private static Map<String, Double> counts(MeterRegistry registry) {
        return registry.getMeters().stream()
                .filter(meter -> meter instanceof Timer || meter instanceof Counter)
                .collect(Collectors.toMap(
                        meter -> meter.getId().getName() + meter.getId().getTags(), MessageMetersTest::count));
    }

    private static double count(Meter meter) {
        return meter instanceof Timer timer ? timer.count() : ((Counter) meter).count();
    }
}
