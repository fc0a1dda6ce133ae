package haven.infra.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.stream.IntStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.junit.jupiter.api.Test;

class BoundedMetricRegistryTest {

    @Test
    void aProcessorsMessagesAreCountedAndTimedWithoutAWindowOfMeasurements() {
        var meters = new SimpleMeterRegistry();
        var monitor = new BoundedMetricRegistry(meters)
                .registerEventProcessor(
                        "eventProcessor",
                        message -> List.of(Tag.of("processorName", "caseload")),
                        message -> List.of());

        IntStream.range(0, 10_000)
                .forEach(i -> monitor.onMessageIngested(GenericEventMessage.asEventMessage("event " + i))
                        .reportSuccess());

        assertThat(meters.get("eventProcessor.allTimer").timer().count()).isEqualTo(10_000);
        assertThat(meters.get("eventProcessor.successCounter").counter().count())
                .isEqualTo(10_000);
        assertThat(meters.find("eventProcessor.capacity").meters())
                .as("the sliding-window capacity gauge, which held every measurement for ten minutes")
                .isEmpty();
    }

    @Test
    void axonsOwnRegistryWouldKeepTheWindowThisOneLeavesOut() {
        var meters = new SimpleMeterRegistry();
        new GlobalMetricRegistry(meters)
                .registerEventProcessor("eventProcessor", message -> List.of(), message -> List.of())
                .onMessageIngested(GenericEventMessage.asEventMessage("event"))
                .reportSuccess();

        assertThat(meters.find("eventProcessor.capacity").meters()).isNotEmpty();
    }
}
