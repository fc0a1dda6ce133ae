package haven.infra.eventstore;

import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoServerUnavailableException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteConcernException;

/**
 * Tells a store that is briefly away (down, unreachable, electing a primary) from a request the
 * store refused: the first is worth retrying, so services answer it with {@code 503} and
 * {@code Retry-After}, and event processors wait and try again instead of parking the event.
 */
public final class StoreOutage {

    /** How long a client is told to wait before retrying, in seconds: about one primary election. */
    public static final int RETRY_AFTER_SECONDS = 5;

    /** The outage somewhere in {@code failure}'s causes, or {@code null} if it is something else. */
    public static MongoException causeOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MongoSocketException
                    || t instanceof MongoTimeoutException
                    || t instanceof MongoNotPrimaryException
                    || t instanceof MongoNodeIsRecoveringException
                    || t instanceof MongoServerUnavailableException
                    || t instanceof MongoWriteConcernException
                    || t instanceof MongoExecutionTimeoutException
                    || t instanceof MongoException m
                            && (m.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL)
                                    || m.hasErrorLabel("RetryableWriteError"))) {
                return (MongoException) t;
            }
        }
        return null;
    }

    private StoreOutage() {}
}
