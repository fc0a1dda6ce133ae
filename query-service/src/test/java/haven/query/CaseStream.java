package haven.query;

import haven.events.CaseId;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

/** One case's events, appended with consecutive sequence numbers as the command side would. */
public final class CaseStream {

    private final EventStore events;
    private final CaseId caseId;
    private long sequence;

    public CaseStream(EventStore events) {
        this(events, new CaseId(UUID.randomUUID().toString()));
    }

    public CaseStream(EventStore events, CaseId caseId) {
        this.events = events;
        this.caseId = caseId;
    }

    public CaseId caseId() {
        return caseId;
    }

    public CaseStream append(Object event) {
        return append(event, Instant.now());
    }

    public CaseStream append(Object event, Instant at) {
        events.publish(new GenericDomainEventMessage<>(
                "Case",
                caseId.value(),
                sequence++,
                event,
                Map.of(),
                UUID.randomUUID().toString(),
                at));
        return this;
    }
}
