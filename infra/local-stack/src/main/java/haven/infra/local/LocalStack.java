package haven.infra.local;

import com.mongodb.client.MongoClients;
import haven.infra.embedded.EmbeddedStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The whole system on one machine with one command: the embedded store (unless
 * {@code MONGODB_URI} names a real MongoDB), the development identity provider, then the
 * command-service and query-service, each its own process. Ctrl-C stops them all cleanly.
 */
public final class LocalStack {

    private LocalStack() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && (args[0].equals("backup") || args[0].equals("restore"))) {
            backupOrRestore(args[0], Path.of(args[1]));
            return;
        }
        Path root = Path.of(env("HAVEN_ROOT").orElse(".")).toAbsolutePath().normalize();
        Path data = root.resolve(env("HAVEN_DATA").orElse("data"));
        int storePort = Integer.parseInt(env("STORE_PORT").orElse("27017"));
        int commandPort = Integer.parseInt(env("COMMAND_PORT").orElse("8081"));
        int queryPort = Integer.parseInt(env("QUERY_PORT").orElse("8082"));
        int identityPort = Integer.parseInt(env("IDENTITY_PORT").orElse("9000"));

        Optional<String> externalUri = env("MONGODB_URI");
        EmbeddedStore store;
        try {
            store = externalUri.isPresent() ? null : EmbeddedStore.persistent(data, storePort);
        } catch (IllegalStateException dataFolderInUse) {
            System.err.println(dataFolderInUse.getMessage());
            System.exit(1);
            return;
        }
        String mongoUri = externalUri.orElseGet(() -> store.uri("haven"));
        System.out.println(store == null ? "Using MongoDB at " + redact(mongoUri)
                : "Embedded store on 127.0.0.1:" + storePort + ", data in " + data);

        Path logs = data.resolve("logs");
        var identity = ServiceProcess.startIdentity(root, identityPort, queryPort, logs);
        String masterKey = masterKey(data);
        var command = ServiceProcess.startService(root, "command-service", commandPort, mongoUri, identity, masterKey, logs);
        var query = ServiceProcess.startQueryService(root, queryPort, mongoUri, identity, masterKey, command, logs);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Haven...");
            List.of(query, command, identity).parallelStream().forEach(ServiceProcess::close);
            if (store != null) {
                store.close();
            }
        }));
        identity.awaitHealthy(Duration.ofMinutes(3));
        command.awaitHealthy(Duration.ofMinutes(3));
        query.awaitHealthy(Duration.ofMinutes(3));

        if (isEmpty(mongoUri)) {
            var demo = DemoData.seed(command.url(), identity.url());
            System.out.printf("Seeded demo cases. Try following up the anonymous one: reference %s, receipt %s%n",
                    demo.get("reference"), demo.get("receipt"));
        }
        System.out.printf("""

                Haven is running.
                  web pages        %s/report   (report, follow up)
                  staff pages      %s/staff    (cases, trends, data protection: sign in as demo staff)
                  command-service  %s   (POST /api/reports, /api/cases/{id}/...)
                  query-service    %s   (GET /api/caseload, /api/cases/{id})
                  sign-in (dev)    %s   (demo staff: rep.khan cw.patel cw.lee mgr.jones board.chair dpo.smith,
                                         password "demo"; a token for curl:
                                         curl -u mgr.jones:demo -d grant_type=client_credentials %s/oauth2/token)
                  logs             %s
                Press Ctrl-C to stop.
                %n""", query.url(), query.url(), command.url(), query.url(), identity.issuer(), identity.issuer(), logs);

        while (command.isAlive() && query.isAlive() && identity.isAlive()) {
            Thread.sleep(1000);
        }
        System.err.println("A service stopped unexpectedly; see the logs in " + data.resolve("logs"));
        System.exit(1);
    }

    /**
     * {@code backup <archive>}: online, from the running store ({@code MONGODB_URI}, else the
     * local stack's store on {@code STORE_PORT}). {@code restore <archive>}: into {@code MONGODB_URI},
     * else straight into the embedded store's data folder, which must be new and not in use.
     */
    private static void backupOrRestore(String action, Path archive) throws Exception {
        Optional<String> externalUri = env("MONGODB_URI");
        boolean offline = action.equals("restore") && externalUri.isEmpty();
        try (EmbeddedStore store = offline ? EmbeddedStore.persistent(Path.of(env("HAVEN_DATA").orElse("data")), 0) : null) {
            String uri = offline ? store.uri("haven")
                    : externalUri.orElse("mongodb://127.0.0.1:" + env("STORE_PORT").orElse("27017") + "/haven");
            try (var client = MongoClients.create(uri)) {
                var backup = new Backup(client.getDatabase(new com.mongodb.ConnectionString(uri).getDatabase()), System.out);
                if (action.equals("backup")) {
                    backup.backup(archive);
                } else {
                    backup.restore(archive);
                }
            }
        } catch (IllegalStateException refused) {
            // reached after the store, if any, is closed
            System.err.println(refused.getMessage());
            System.exit(1);
        }
    }

    /**
     * {@code HAVEN_MASTER_KEY}, else the key made on first start and kept in the data folder (owner
     * only). Good enough for a laptop; in production the key comes from a vault, not next to the data.
     */
    private static String masterKey(Path data) throws IOException {
        Optional<String> configured = env("HAVEN_MASTER_KEY");
        if (configured.isPresent()) {
            return configured.get();
        }
        Path file = data.resolve("master.key");
        if (!Files.exists(file)) {
            Files.createDirectories(data);
            Files.writeString(file, ServiceProcess.newMasterKey());
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
        }
        return Files.readString(file).trim();
    }

    /** First start: no event has ever been stored. */
    private static boolean isEmpty(String mongoUri) {
        try (var client = MongoClients.create(mongoUri)) {
            String database = new com.mongodb.ConnectionString(mongoUri).getDatabase();
            return client.getDatabase(database).getCollection("events").estimatedDocumentCount() == 0;
        }
    }

    private static String redact(String uri) {
        return uri.replaceAll("//[^@/]*@", "//***@");
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
    }
}
