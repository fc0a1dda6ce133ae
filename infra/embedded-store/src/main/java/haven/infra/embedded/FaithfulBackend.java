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
import java.util.function.Supplier;

/**
 * Holds mongo-java-server to three promises MongoDB makes, so that code written for MongoDB is
 * right on the embedded store too.
 *
 * <ul>
 *   <li><b>{@code findAndModify} answers with the document exactly as its own update left it.</b>
 *       mongo-java-server 1.47 answers with the stored document itself and encodes it after
 *       releasing its locks, so concurrent {@code $inc}s returned the same value (225 duplicates
 *       in 24,000 increments from 8 threads). Haven reserves event positions this way, so each
 *       {@code findAndModify} runs alone here and its answer is copied before anything else runs.</li>
 *   <li><b>A write is acknowledged only once it is in the data file.</b> The H2 backend commits
 *       its store once a second, so {@code kill -9} lost about a second of acknowledged writes;
 *       here every write command is committed before its reply is sent.</li>
 *   <li><b>A majority read sees only what is in the data file</b> (Haven reads with read concern
 *       {@code majority}). The H2 backend's writes are visible from the moment they are applied,
 *       before their commit; a query-service that read one then, and the store was killed before
 *       the commit, kept a caseload row for a report the store no longer had. So every reply, a
 *       read's too, is sent only after a commit of everything applied so far. A commit covers every
 *       map of the store, so whatever a read saw is in the data file before anyone learns of it.</li>
 * </ul>
 */
final class FaithfulBackend implements MongoBackend {

    private final MongoBackend backend;
    /** Makes everything applied so far durable; nothing when the store keeps nothing. */
    private final Runnable commit;

    private final Object findAndModifyLock = new Object();

    FaithfulBackend(MongoBackend backend, Runnable commit) {
        this.backend = backend;
        this.commit = commit;
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        String command = message.getDocument().keySet().iterator().next();
        return handle(command, () -> backend.handleMessage(message));
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        return handle(command, () -> backend.handleCommand(channel, database, command, query));
    }

    private Document handle(String command, Supplier<Document> execution) {
        Document answer;
        if ("findAndModify".equalsIgnoreCase(command)) {
            synchronized (findAndModifyLock) {
                answer = execution.get().cloneDeeply();
            }
        } else {
            answer = execution.get();
        }
        commit.run();
        return answer;
    }

    @Override
    public void handleClose(Channel channel) {
        backend.handleClose(channel);
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        QueryResult answer = backend.handleQuery(query);
        commit.run();
        return answer;
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
