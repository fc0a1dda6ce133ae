package haven.infra.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The in-process MongoDB-wire-compatible store. Services reach it only through a MongoDB URI,
 * exactly as they would reach a real MongoDB.
 */
public final class EmbeddedStore implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static EmbeddedStore shared;

    private final MongoServer server;

    private EmbeddedStore(MongoBackend backend, int port) {
        this.server = new MongoServer(new AtomicFindAndModify(backend));
        server.bind(HOST, port);
    }

    /** A store kept in {@code dataDirectory} that survives restarts. */
    public static EmbeddedStore persistent(Path dataDirectory, int port) {
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new EmbeddedStore(new H2Backend(dataDirectory.resolve("haven.mv").toString()), port);
    }

    /** A throwaway store on a free port. */
    public static EmbeddedStore inMemory() {
        return new EmbeddedStore(new MemoryBackend(), 0);
    }

    /** One in-memory store per JVM, for tests that share it across application contexts. */
    public static synchronized EmbeddedStore shared() {
        if (shared == null) {
            shared = inMemory();
        }
        return shared;
    }

    public int port() {
        return server.getLocalAddress().getPort();
    }

    public String uri(String database) {
        return "mongodb://" + HOST + ":" + port() + "/" + database;
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
