package haven.query.admin;

import haven.infra.security.Staff;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Events a projection could not handle are parked per case (the rest keep flowing). This lists
 * them and, once the cause is fixed, replays each case's parked events in order.
 */
@RestController
@RequestMapping("/api/admin/dead-letters")
class DeadLetterAdminController {

    record LetterView(String eventType, String enqueuedAt, String cause) {}

    record SequenceView(String processingGroup, List<LetterView> letters) {}

    private final EventProcessingConfiguration processing;
    private final HavenOperators operators;

    DeadLetterAdminController(EventProcessingConfiguration processing, HavenOperators operators) {
        this.processing = processing;
        this.operators = operators;
    }

    @GetMapping
    List<SequenceView> deadLetters(Staff staff) {
        operators.require(staff);
        var views = new ArrayList<SequenceView>();
        for (String group : processing.eventProcessors().keySet()) {
            processing.deadLetterQueue(group).ifPresent(queue -> views.addAll(sequences(group, queue)));
        }
        return views;
    }

    @PostMapping("/{processingGroup}/retry")
    Map<String, Integer> retry(@PathVariable String processingGroup, Staff staff) {
        operators.require(staff);
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing
                .sequencedDeadLetterProcessor(processingGroup)
                .orElseThrow(() -> new ResponseStatusException(
                        HttpStatus.NOT_FOUND, "No dead-letter queue for that processing group."));
        int sequences = 0;
        while (processor.processAny()) {
            sequences++;
        }
        return Map.of("sequencesRetried", sequences);
    }

    private static List<SequenceView> sequences(String group, SequencedDeadLetterQueue<EventMessage<?>> queue) {
        var views = new ArrayList<SequenceView>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            views.add(new SequenceView(
                    group,
                    StreamSupport.stream(sequence.spliterator(), false)
                            .map(DeadLetterAdminController::letter)
                            .toList()));
        }
        return views;
    }

    /** The cause's type only: an exception message could quote the event's personal data. */
    private static LetterView letter(DeadLetter<? extends EventMessage<?>> letter) {
        return new LetterView(
                letter.message().getPayloadType().getSimpleName(),
                letter.enqueuedAt().toString(),
                letter.cause().map(c -> c.type()).orElse(null));
    }
}
