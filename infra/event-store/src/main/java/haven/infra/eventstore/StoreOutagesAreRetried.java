package haven.infra.eventstore;

import com.mongodb.MongoException;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;

/**
 * Parks a case only when its event cannot be handled, never because the store was briefly away:
 * a handler that failed on an outage is rethrown, so the processor stops, waits and tries the
 * same events again once the store is back. Parking on an outage left a case out of every view
 * until someone retried it by hand (seen in {@code StoreCrashTest}).
 */
public class StoreOutagesAreRetried implements EnqueuePolicy<EventMessage<?>> {

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        MongoException outage = StoreOutage.causeOf(cause);
        if (outage != null) {
            throw outage;
        }
        return Decisions.enqueue(cause);
    }
}
