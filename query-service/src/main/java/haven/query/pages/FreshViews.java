package haven.query.pages;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * After a member of staff (or a reporter) acts on a case, the page they come back to should show what they did.
 * The views are updated a moment after the command-service stores the event, so the pages wait,
 * briefly, until this instance's case views have read every event stored so far. If that takes
 * longer than the wait, the page shows what it has; the success banner still says what was done.
 */
@Component
class FreshViews {

    private static final List<String> CASE_VIEWS = List.of("caseload", "timeline", "case-record", "reporter-status");
    private static final Duration AT_MOST = Duration.ofSeconds(3);

    private final EventStore events;
    private final EventProcessingConfiguration processing;

    FreshViews(EventStore events, EventProcessingConfiguration processing) {
        this.events = events;
        this.processing = processing;
    }

    void await() {
        long stored = events.createHeadToken().position().orElse(-1);
        Instant deadline = Instant.now().plus(AT_MOST);
        while (!haveRead(stored) && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private boolean haveRead(long position) {
        return CASE_VIEWS.stream()
                .allMatch(name -> processing
                        .eventProcessor(name, StreamingEventProcessor.class)
                        .map(processor -> processor.processingStatus().values().stream()
                                .allMatch(
                                        segment -> segment.getCurrentPosition().orElse(-1) >= position))
                        .orElse(true));
    }
}
