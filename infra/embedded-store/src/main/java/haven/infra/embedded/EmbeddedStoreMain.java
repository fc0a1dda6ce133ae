package haven.infra.embedded;

import java.nio.file.Path;

/**
 * The persistent embedded store as a process of its own: {@code EmbeddedStoreMain <dataDirectory> <port>}.
 * Prints {@code ready} once it listens; closes cleanly on SIGTERM.
 */
public final class EmbeddedStoreMain {

    private EmbeddedStoreMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        var store = EmbeddedStore.persistent(Path.of(args[0]), Integer.parseInt(args[1]));
        Runtime.getRuntime().addShutdownHook(new Thread(store::close));
        System.out.println("ready on port " + store.port());
        Thread.currentThread().join();
    }
}
