package haven.query.views;

import com.mongodb.MongoSocketReadException;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** A store that goes away in the middle of a projection's writes, for tests of batches handed over again. */
public final class FailingStore {

    private FailingStore() {}

    /** How much of the failing write the store had done when it went away. */
    public enum Lost {
        NOTHING_DONE,
        HALF_DONE,
        DONE_BUT_NOT_ANSWERED;

        public int of(int models) {
            return this == NOTHING_DONE ? 0 : this == HALF_DONE ? models / 2 : models;
        }
    }

    /**
     * The database, but its {@code failAt}th write (counted in {@code writes}) fails as if the store
     * had gone away, having done {@code lost} of it.
     */
    public static MongoDatabase database(MongoDatabase database, AtomicInteger writes, int failAt, Lost lost) {
        return proxy(MongoDatabase.class, database, (method, args) -> {
            Object result = method.invoke(database, args);
            return result instanceof MongoCollection<?> collection
                    ? failingWrites(collection, writes, failAt, lost)
                    : result;
        });
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static MongoCollection<?> failingWrites(
            MongoCollection<?> collection, AtomicInteger writes, int failAt, Lost lost) {
        return proxy(MongoCollection.class, collection, (method, args) -> {
            boolean write = Set.of("bulkWrite", "updateOne", "replaceOne", "insertOne", "deleteOne")
                    .contains(method.getName());
            if (write && writes.incrementAndGet() == failAt) {
                if (method.getName().equals("bulkWrite")) {
                    List models = (List) args[0];
                    if (lost.of(models.size()) > 0) {
                        ((MongoCollection) collection).bulkWrite(models.subList(0, lost.of(models.size())));
                    }
                } else if (lost.of(1) > 0) {
                    method.invoke(collection, args);
                }
                throw new MongoSocketReadException("the store went away", new ServerAddress());
            }
            return method.invoke(collection, args);
        });
    }

    interface Call {
        Object invoke(java.lang.reflect.Method method, Object[] args) throws Exception;
    }

    /** Equal only to itself, as the projection's writes are grouped by collection. */
    private static <T> T proxy(Class<T> type, Object target, Call call) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            switch (method.getName()) {
                case "equals":
                    return self == args[0];
                case "hashCode":
                    return System.identityHashCode(self);
                default:
                    try {
                        return call.invoke(method, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
            }
        }));
    }
}
