package haven.infra.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import java.time.Clock;
import java.util.Collection;
import java.util.List;

/**
 * Gives the embedded store MongoDB's guarantee that {@code findAndModify} returns the document
 * exactly as its own update left it.
 *
 * <p>mongo-java-server 1.47 answers with the stored document itself, not a copy, and encodes it
 * after releasing its locks, so a concurrent update can change the answer before it is sent:
 * concurrent {@code $inc}s returned the same value (measured: 225 duplicates in 24,000
 * increments from 8 threads). Haven reserves event positions this way, so here each
 * {@code findAndModify} runs alone and its answer is copied before anything else can run;
 * every other command passes straight through.
 */
final class AtomicFindAndModify implements MongoBackend {

    private final MongoBackend backend;
    private final Object lock = new Object();

    AtomicFindAndModify(MongoBackend backend) {
        this.backend = backend;
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        if (message.getDocument().containsKey("findAndModify")) {
            synchronized (lock) {
                return backend.handleMessage(message).cloneDeeply();
            }
        }
        return backend.handleMessage(message);
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        if ("findAndModify".equalsIgnoreCase(command)) {
            synchronized (lock) {
                return backend.handleCommand(channel, database, command, query).cloneDeeply();
            }
        }
        return backend.handleCommand(channel, database, command, query);
    }

    @Override
    public void handleClose(Channel channel) {
        backend.handleClose(channel);
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        return backend.handleQuery(query);
    }

    @Override
    public void dropDatabase(String database) {
        backend.dropDatabase(database);
    }

    @Override
    public Collection<Document> getCurrentOperations(MongoQuery query) {
        return backend.getCurrentOperations(query);
    }

    @Override
    public Document getServerStatus() {
        return backend.getServerStatus();
    }

    @Override
    public void close() {
        backend.close();
    }

    @Override
    public void closeCursors(List<Long> cursorIds) {
        backend.closeCursors(cursorIds);
    }

    @Override
    public Clock getClock() {
        return backend.getClock();
    }

    @Override
    public void enableOplog() {
        backend.enableOplog();
    }

    @Override
    public void disableOplog() {
        backend.disableOplog();
    }

    @Override
    public MongoDatabase resolveDatabase(String database) {
        return backend.resolveDatabase(database);
    }

    @Override
    public MongoBackend version(MongoVersion version) {
        backend.version(version);
        return this;
    }
}
