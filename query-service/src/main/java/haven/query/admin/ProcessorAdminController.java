package haven.query.admin;

import java.util.Comparator;
import java.util.List;
import java.net.URI;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Shows each projection's progress and rebuilds a projection from the events. */
@RestController
@RequestMapping("/api/admin/processors")
public class ProcessorAdminController {

    public record SegmentView(int segment, Long position, boolean caughtUp, boolean replaying, String error) {
    }

    public record ProcessorView(String name, boolean running, boolean replaying, List<SegmentView> segments) {
    }

    private final EventProcessingConfiguration processing;
    private final Rebuilds rebuilds;

    ProcessorAdminController(EventProcessingConfiguration processing, Rebuilds rebuilds) {
        this.processing = processing;
        this.rebuilds = rebuilds;
    }

    @GetMapping
    public List<ProcessorView> processors() {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .map(ProcessorAdminController::view)
                .sorted(Comparator.comparing(ProcessorView::name))
                .toList();
    }

    /** Replays every event into the projection: its reset handler clears it, side effects stay off. */
    @PostMapping("/{name}/replay")
    public ResponseEntity<Rebuilds.Progress> replay(@PathVariable String name) {
        StreamingEventProcessor processor = processor(name);
        rebuilds.start(processor);
        return ResponseEntity.accepted().location(URI.create("/api/admin/processors/" + name + "/rebuild"))
                .body(rebuilds.progress(processor));
    }

    /** How far a rebuild has come: events processed of the total, rate and time left. */
    @GetMapping("/{name}/rebuild")
    public Rebuilds.Progress rebuild(@PathVariable String name) {
        return rebuilds.progress(processor(name));
    }

    private StreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No processor with that name."));
    }

    private static ProcessorView view(StreamingEventProcessor processor) {
        var segments = processor.processingStatus().values().stream()
                .sorted(Comparator.comparingInt(s -> s.getSegment().getSegmentId()))
                .map(ProcessorAdminController::segment)
                .toList();
        return new ProcessorView(processor.getName(), processor.isRunning(), processor.isReplaying(), segments);
    }

    private static SegmentView segment(EventTrackerStatus status) {
        Long position = status.getCurrentPosition().isPresent() ? status.getCurrentPosition().getAsLong() : null;
        return new SegmentView(status.getSegment().getSegmentId(), position, status.isCaughtUp(), status.isReplaying(),
                status.isErrorState() ? status.getError().getClass().getSimpleName() : null);
    }
}
