package haven.infra.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * The in-process MongoDB-wire-compatible store. Services reach it only through a MongoDB URI,
 * exactly as they would reach a real MongoDB.
 */
public final class EmbeddedStore implements AutoCloseable {

    /** When a write counts as stored. */
    public enum Durability {
        /**
         * In the data file before it is acknowledged or read: survives {@code kill -9} of the store,
         * and nothing a reader saw is lost.
         */
        ON_ACKNOWLEDGE,
        /** The H2 backend's own behaviour, committed about once a second; kept to measure the difference. */
        EVERY_SECOND
    }

    private static final String HOST = "127.0.0.1";
    private static EmbeddedStore shared;

    private final MongoServer server;

    EmbeddedStore(MongoBackend backend, Runnable commit, int port) {
        this.server = new MongoServer(new FaithfulBackend(backend, commit));
        server.bind(HOST, port);
    }

    /** A store kept in {@code dataDirectory} that survives restarts and crashes. */
    public static EmbeddedStore persistent(Path dataDirectory, int port) {
        return persistent(dataDirectory, port, Durability.ON_ACKNOWLEDGE, defaultCacheMegabytes());
    }

    public static EmbeddedStore persistent(Path dataDirectory, int port, Durability durability, int cacheMegabytes) {
        Path file = dataDirectory.resolve("haven.mv");
        MVStore store;
        try {
            Files.createDirectories(dataDirectory);
            store = new MVStore.Builder()
                    .fileName(file.toString())
                    .cacheSize(cacheMegabytes)
                    .open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MVStoreException e) {
            throw new IllegalStateException(
                    "Cannot open " + file + ": " + e.getMessage()
                            + ". Is another Haven store using this data folder? Stop it first.",
                    e);
        }
        Runnable commit = durability == Durability.ON_ACKNOWLEDGE ? store::commit : () -> {};
        return new EmbeddedStore(new H2Backend(store), commit, port);
    }

    /** A throwaway store on a free port. */
    public static EmbeddedStore inMemory() {
        return new EmbeddedStore(new MemoryBackend(), () -> {}, 0);
    }

    /** One in-memory store per JVM, for tests that share it across application contexts. */
    public static synchronized EmbeddedStore shared() {
        if (shared == null) {
            shared = inMemory();
        }
        return shared;
    }

    /**
     * {@code HAVEN_STORE_CACHE_MB}, else a quarter of the heap (at least 64 MB): the default 16 MB
     * page cache collapsed at about 60,000 events (1 s per query; 256 MB: 60 ms).
     */
    public static int defaultCacheMegabytes() {
        return Optional.ofNullable(System.getenv("HAVEN_STORE_CACHE_MB"))
                .filter(v -> !v.isBlank())
                .map(Integer::parseInt)
                .orElse((int) Math.max(64, Runtime.getRuntime().maxMemory() / 4 / (1024 * 1024)));
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
