package haven.infra.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;

/**
 * The persistent embedded store as a process of its own: {@code EmbeddedStoreMain <dataDirectory> <port>}.
 * Prints {@code ready} once it listens; closes cleanly on SIGTERM.
 */
public final class EmbeddedStoreMain {

    private EmbeddedStoreMain() {}

    public static void main(String[] args) throws InterruptedException {
        var store = EmbeddedStore.persistent(Path.of(args[0]), Integer.parseInt(args[1]));
        Runtime.getRuntime().addShutdownHook(new Thread(store::close));
        System.out.println("ready on port " + store.port());
        Thread.currentThread().join();
    }

    /** Starts the store in a new JVM on this JVM's class path and returns once it listens. */
    public static Process startProcess(Path dataDirectory, int port) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        EmbeddedStoreMain.class.getName(),
                        dataDirectory.toString(),
                        Integer.toString(port))
                .redirectErrorStream(true)
                .start();
        var output = new BufferedReader(new InputStreamReader(process.getInputStream()));
        String line;
        while ((line = output.readLine()) != null && !line.startsWith("ready")) {
            // the store is starting
        }
        if (line == null) {
            throw new IllegalStateException("the store process stopped while starting");
        }
        var drain = new Thread(() -> output.lines().forEach(ignored -> {}));
        drain.setDaemon(true);
        drain.start();
        return process;
    }
}
