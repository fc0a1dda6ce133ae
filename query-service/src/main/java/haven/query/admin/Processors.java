package haven.query.admin;

import java.util.Comparator;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/** The projections: each one's progress, and rebuilding one from the events ({@link Rebuilds}). */
@Component
public class Processors {

    public record SegmentView(int segment, Long position, boolean caughtUp, boolean replaying, String error) {}

    public record ProcessorView(String name, boolean running, boolean replaying, List<SegmentView> segments) {}

    private final EventProcessingConfiguration processing;
    private final Rebuilds rebuilds;

    Processors(EventProcessingConfiguration processing, Rebuilds rebuilds) {
        this.processing = processing;
        this.rebuilds = rebuilds;
    }

    public List<ProcessorView> all() {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .map(Processors::view)
                .sorted(Comparator.comparing(ProcessorView::name))
                .toList();
    }

    /** Replays every event into the projection: its reset handler clears it, side effects stay off. */
    public Rebuilds.Progress rebuild(String name) {
        StreamingEventProcessor processor = processor(name);
        rebuilds.start(processor);
        return rebuilds.progress(processor);
    }

    /** How far a rebuild has come: events processed of the total, rate and time left. */
    public Rebuilds.Progress progress(String name) {
        return rebuilds.progress(processor(name));
    }

    private StreamingEventProcessor processor(String name) {
        return processing
                .eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No processor with that name."));
    }

    private static ProcessorView view(StreamingEventProcessor processor) {
        var segments = processor.processingStatus().values().stream()
                .sorted(Comparator.comparingInt(s -> s.getSegment().getSegmentId()))
                .map(Processors::segment)
                .toList();
        return new ProcessorView(processor.getName(), processor.isRunning(), processor.isReplaying(), segments);
    }

    private static SegmentView segment(EventTrackerStatus status) {
        Long position = status.getCurrentPosition().isPresent()
                ? status.getCurrentPosition().getAsLong()
                : null;
        return new SegmentView(
                status.getSegment().getSegmentId(),
                position,
                status.isCaughtUp(),
                status.isReplaying(),
                status.isErrorState() ? status.getError().getClass().getSimpleName() : null);
    }
}
