package haven.infra.local;

import haven.infra.embedded.EmbeddedStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Haven as it runs for real, for the tests that need it: an in-memory store in the test's JVM and
 * the dev identity provider, command-service and query-service each as its own process.
 */
record LocalSystem(
        EmbeddedStore store,
        ServiceProcess identity,
        ServiceProcess command,
        ServiceProcess query,
        Map<String, String> settings)
        implements AutoCloseable {

    static final Path ROOT = Path.of(System.getProperty("haven.root", "../.."));
    static final String MASTER_KEY = ServiceProcess.newMasterKey();

    /** Started and healthy; its logs go to {@code target/<logs>}. */
    static LocalSystem start(String logs) throws InterruptedException {
        return start(logs, EmbeddedStore.inMemory(), MASTER_KEY);
    }

    /** On this store (closed with the system) under this master key. */
    static LocalSystem start(String logs, EmbeddedStore store, String masterKey) throws InterruptedException {
        return start(logs, store, masterKey, ServiceProcess.partnership());
    }

    /** Serving the partnership at {@code partnership} (a setting of HAVEN_PARTNERSHIP). */
    static LocalSystem start(String logs, EmbeddedStore store, String masterKey, String partnership)
            throws InterruptedException {
        return start(logs, store, masterKey, partnership, Map.of());
    }

    /** With more settings for both services (a mail server, a movable clock). */
    static LocalSystem start(
            String logs, EmbeddedStore store, String masterKey, String partnership, Map<String, String> settings)
            throws InterruptedException {
        Path logDirectory = Path.of("target", logs);
        int queryPort = freePort();
        var identity = ServiceProcess.startIdentity(ROOT, freePort(), queryPort, logDirectory);
        return services(identity, queryPort, store, masterKey, partnership, settings, logDirectory);
    }

    /**
     * The services stopped and started again on the same store and identity provider, the way an
     * operator restarts them after changing the partnership's files.
     */
    LocalSystem restarted(String masterKey, String partnership) throws InterruptedException {
        query.close();
        command.close();
        int queryPort = URI.create(query.url()).getPort();
        return services(
                identity,
                queryPort,
                store,
                masterKey,
                partnership,
                settings,
                command.log().getParent());
    }

    private static LocalSystem services(
            ServiceProcess identity,
            int queryPort,
            EmbeddedStore store,
            String masterKey,
            String partnership,
            Map<String, String> settings,
            Path logDirectory)
            throws InterruptedException {
        var command = ServiceProcess.startService(
                ROOT,
                "command-service",
                freePort(),
                store.uri("haven"),
                identity,
                masterKey,
                partnership,
                settings,
                logDirectory);
        var query = ServiceProcess.startQueryService(
                ROOT, queryPort, store.uri("haven"), identity, masterKey, command, partnership, settings, logDirectory);
        var system = new LocalSystem(store, identity, command, query, settings);
        try {
            for (var service : new ServiceProcess[] {identity, command, query}) {
                service.awaitHealthy(Duration.ofMinutes(3));
            }
        } catch (InterruptedException | RuntimeException | Error e) {
            system.close();
            throw e;
        }
        return system;
    }

    static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        query.close();
        command.close();
        identity.close();
        store.close();
    }
}
