package haven.infra.local;

import com.mongodb.client.MongoClients;
import haven.infra.backup.ArchiveRefused;
import haven.infra.backup.Backup;
import haven.infra.backup.Restore;
import haven.infra.council.Partnership;
import haven.infra.embedded.EmbeddedStore;
import haven.infra.privacy.MasterKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The whole system on one machine with one command: the embedded store (unless
 * {@code MONGODB_URI} names a real MongoDB), the development identity provider, then the
 * command-service and query-service, each its own process. Ctrl-C stops them all cleanly.
 */
public final class LocalStack {

    private LocalStack() {}

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && (args[0].equals("backup") || args[0].equals("restore"))) {
            backupOrRestore(args[0], Path.of(args[1]), List.of(args).contains("--passphrase"));
            return;
        }
        Path root = Path.of(env("HAVEN_ROOT").orElse(".")).toAbsolutePath().normalize();
        Path data = root.resolve(env("HAVEN_DATA").orElse("data"));
        int storePort = Integer.parseInt(env("STORE_PORT").orElse("27017"));
        int commandPort = Integer.parseInt(env("COMMAND_PORT").orElse("8081"));
        int queryPort = Integer.parseInt(env("QUERY_PORT").orElse("8082"));
        int identityPort = Integer.parseInt(env("IDENTITY_PORT").orElse("9000"));
        int smtpPort = Integer.parseInt(env("MAIL_SMTP_PORT").orElse("3025"));
        int imapPort = Integer.parseInt(env("MAIL_IMAP_PORT").orElse("3143"));

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
        System.out.println(
                store == null
                        ? "Using MongoDB at " + redact(mongoUri)
                        : "Embedded store on 127.0.0.1:" + storePort + ", data in " + data);

        Path logs = data.resolve("logs");
        String masterKey = masterKey(data, mongoUri); // before any process starts: it may refuse to go on
        var mail = DemoMail.start(smtpPort, imapPort);
        var identity = ServiceProcess.startIdentity(root, identityPort, queryPort, logs);
        var commandSettings = new java.util.HashMap<>(mail.senderSettings());
        commandSettings.put("HAVEN_WEB_URL", "http://localhost:" + queryPort);
        var command = ServiceProcess.startService(
                root,
                "command-service",
                commandPort,
                mongoUri,
                identity,
                masterKey,
                ServiceProcess.partnership(),
                commandSettings,
                logs);
        var query = ServiceProcess.startQueryService(root, queryPort, mongoUri, identity, masterKey, command, logs);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Haven...");
            List.of(query, command, identity).parallelStream().forEach(ServiceProcess::close);
            mail.close();
            if (store != null) {
                store.close();
            }
        }));
        identity.awaitHealthy(Duration.ofMinutes(3));
        command.awaitHealthy(Duration.ofMinutes(3));
        query.awaitHealthy(Duration.ofMinutes(3));

        if (isEmpty(mongoUri)) {
            var demo = DemoData.seed(command.url(), identity.url());
            System.out.printf(
                    "Seeded demo cases. Try following up the anonymous one: reference %s, receipt %s%n",
                    demo.get("reference"), demo.get("receipt"));
            int past = DemoHistory.importInto(command.url(), identity.url(), LocalDate.now(), Duration.ofMinutes(3));
            System.out.printf(
                    "Imported %d made-up past incidents, so the board's trends have something to show%n", past);
        }
        System.out.printf(
                """

                Haven is running.
                  web pages        %s/report   (report, follow up)
                  staff pages      %s/staff    (cases, trends, data protection: sign in as demo staff)
                  command-service  %s   (POST /api/reports, /api/cases/{id}/...)
                  query-service    %s   (GET /api/caseload, /api/cases/{id})
                  sign-in (dev)    %s   (demo staff, password "demo": the council's rep.khan cw.patel
                                         cw.lee mgr.jones board.chair dpo.smith; the partnership board's
                                         chair.partnership; the police's sgt.evans pc.morgan dpo.hughes;
                                         Castle Homes' hm.ali ho.price dpo.brown; a token for curl:
                                         curl -u mgr.jones:demo -d grant_type=client_credentials %s/oauth2/token)
                  mail (dev)       %s   (notifications to <staff id>@haven.example and
                                         reporters; each mailbox's login and password is its address)
                  logs             %s
                Press Ctrl-C to stop.
                %n""",
                query.url(),
                query.url(),
                command.url(),
                query.url(),
                identity.issuer(),
                identity.issuer(),
                mail.describe(),
                logs);

        while (command.isAlive() && query.isAlive() && identity.isAlive()) {
            Thread.sleep(1000);
        }
        System.err.println("A service stopped unexpectedly; see the logs in " + data.resolve("logs"));
        System.exit(1);
    }

    /**
     * {@code backup <archive> [--passphrase]}: online, from the running store ({@code MONGODB_URI},
     * else the local stack's store on {@code STORE_PORT}), under the master key ({@code HAVEN_MASTER_KEY},
     * else the data folder's). {@code restore <archive>}: into {@code MONGODB_URI}, else straight into
     * the embedded store's data folder, which must be new and not in use; the master key must be the
     * one the backup was made under, and is kept in the new folder for the local stack to start with.
     */
    private static void backupOrRestore(String action, Path archive, boolean withPassphrase) throws Exception {
        Optional<String> externalUri = env("MONGODB_URI");
        Path data = Path.of(env("HAVEN_DATA").orElse("data"));
        boolean offline = action.equals("restore") && externalUri.isEmpty();
        try (EmbeddedStore store = offline ? EmbeddedStore.persistent(data, 0) : null) {
            String uri = offline
                    ? store.uri("haven")
                    : externalUri.orElse(
                            "mongodb://127.0.0.1:" + env("STORE_PORT").orElse("27017") + "/haven");
            Optional<String> masterKey = env("HAVEN_MASTER_KEY").or(() -> keptIn(data));
            try (var client = MongoClients.create(uri)) {
                var database = client.getDatabase(new com.mongodb.ConnectionString(uri).getDatabase());
                if (action.equals("backup")) {
                    String key = masterKey.orElseThrow(() -> new ArchiveRefused(
                            "No master key: set HAVEN_MASTER_KEY, or HAVEN_DATA to the data folder that keeps it."));
                    new Backup(database, masterKeys(key), System.out)
                            .backup(archive, withPassphrase ? Passphrase.twice() : null);
                } else {
                    new Restore(database, masterKey.map(LocalStack::masterKeys), System.out)
                            .restore(archive, Passphrase::once);
                    if (offline && keptIn(data).isEmpty()) {
                        keep(data, masterKey.orElseThrow());
                    }
                }
            }
        } catch (IllegalStateException | java.io.IOException refused) {
            // reached after the store, if any, is closed
            System.err.println(refused.getMessage());
            System.exit(1);
        }
    }

    /**
     * {@code HAVEN_MASTER_KEY}, else the key made on first start and kept in the data folder (owner
     * only). Good enough for a laptop; in production the key comes from a vault, not next to the data.
     */
    private static String masterKey(Path data, String mongoUri) {
        Optional<String> configured = env("HAVEN_MASTER_KEY").or(() -> keptIn(data));
        if (configured.isEmpty() && !isEmpty(mongoUri)) {
            // a new key would open none of the stored personal data, and seal new data under a key no backup knows
            System.err.println("This store holds cases but " + data.resolve("master.key")
                    + " is missing: set HAVEN_MASTER_KEY" + " to the key its data was sealed with.");
            System.exit(78);
        }
        return configured.orElseGet(() -> keep(data, ServiceProcess.newMasterKey()));
    }

    /** The services' master keys: on a laptop, the other organisations' are derived from the founder's unless set. */
    private static MasterKeys masterKeys(String founderKey) {
        var partnership = Partnership.load(ServiceProcess.partnership());
        return MasterKeys.load(
                partnership.founder().id(),
                founderKey,
                partnership.partners().stream()
                        .map(Partnership.Organisation::id)
                        .toList(),
                LocalStack::env,
                true);
    }

    private static Optional<String> keptIn(Path data) {
        Path file = data.resolve("master.key");
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file).trim()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Readable by its owner only. */
    private static String keep(Path data, String masterKey) {
        Path file = data.resolve("master.key");
        try {
            Files.createDirectories(data);
            Files.writeString(file, masterKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        file.toFile().setReadable(false, false);
        file.toFile().setReadable(true, true);
        return masterKey;
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
