package haven.infra.eventstore;

import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoServerUnavailableException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteConcernException;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.DeadLetter;
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
        MongoException outage = outage(cause);
        if (outage != null) {
            throw outage;
        }
        return Decisions.enqueue(cause);
    }

    static MongoException outage(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MongoSocketException || t instanceof MongoTimeoutException
                    || t instanceof MongoNotPrimaryException || t instanceof MongoNodeIsRecoveringException
                    || t instanceof MongoServerUnavailableException || t instanceof MongoWriteConcernException
                    || t instanceof MongoExecutionTimeoutException
                    || t instanceof MongoException m && (m.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL)
                            || m.hasErrorLabel("RetryableWriteError"))) {
                return (MongoException) t;
            }
        }
        return null;
    }
}
