package haven.infra.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** One Haven service running as its own operating-system process, as it would in production. */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code <root>/<module>/target/<name>.jar} (the module folder's last part is its name) on
     * {@code port} with these environment variables, logging to {@code logDirectory}.
     */
    public static ServiceProcess start(
            Path root, String module, int port, Map<String, String> environment, Path logDirectory) {
        String name = Path.of(module).getFileName().toString();
        Path jar = root.resolve(module).resolve("target").resolve(name + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first with ./mvnw -DskipTests package");
        }
        try {
            Files.createDirectories(logDirectory);
            Path log = logDirectory.resolve(name + ".log");
            String java = ProcessHandle.current().info().command().orElse("java");
            var builder = new ProcessBuilder(java, "-Xmx512m", "-jar", jar.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            builder.environment().put("PORT", Integer.toString(port));
            return new ServiceProcess(name, port, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /**
     * The development identity provider, issuing tokens as {@code http://localhost:<port>}, signing
     * staff in to the web pages on {@code webPort}.
     */
    public static ServiceProcess startIdentity(Path root, int port, int webPort, Path logDirectory) {
        return start(
                root,
                "infra/dev-identity",
                port,
                Map.of("HAVEN_WEB_URLS", "http://localhost:" + webPort + ",http://127.0.0.1:" + webPort),
                logDirectory);
    }

    /**
     * A Haven service on the store at {@code mongoUri}, trusting tokens from {@code identity},
     * wrapping personal-data keys with {@code masterKey}.
     */
    public static ServiceProcess startService(
            Path root,
            String name,
            int port,
            String mongoUri,
            ServiceProcess identity,
            String masterKey,
            Path logDirectory) {
        return startService(root, name, port, mongoUri, identity, masterKey, partnership(), Map.of(), logDirectory);
    }

    /**
     * As above, serving the partnership at {@code partnership} (a setting of HAVEN_PARTNERSHIP), with
     * more settings ({@code SPRING_MAIL_HOST}, say).
     */
    public static ServiceProcess startService(
            Path root,
            String name,
            int port,
            String mongoUri,
            ServiceProcess identity,
            String masterKey,
            String partnership,
            Map<String, String> settings,
            Path logDirectory) {
        var environment = environment(settings, mongoUri, identity, masterKey, partnership);
        // the query-service's pages relay reporters' addresses from this machine
        environment.put("HAVEN_TRUSTED_PROXIES", "127.0.0.1, ::1");
        return start(root, name, port, environment, logDirectory);
    }

    /** The query-service, whose pages send reports and replies to this command-service. */
    public static ServiceProcess startQueryService(
            Path root,
            int port,
            String mongoUri,
            ServiceProcess identity,
            String masterKey,
            ServiceProcess command,
            Path logDirectory) {
        return startQueryService(
                root, port, mongoUri, identity, masterKey, command, partnership(), Map.of(), logDirectory);
    }

    /**
     * As above, serving the partnership at {@code partnership} (a setting of HAVEN_PARTNERSHIP), with
     * more settings ({@code HAVEN_CLOCK_OFFSET_FILE}, say).
     */
    public static ServiceProcess startQueryService(
            Path root,
            int port,
            String mongoUri,
            ServiceProcess identity,
            String masterKey,
            ServiceProcess command,
            String partnership,
            Map<String, String> settings,
            Path logDirectory) {
        var environment = environment(settings, mongoUri, identity, masterKey, partnership);
        environment.put("HAVEN_COMMAND_URL", command.url());
        // local development over plain http: browsers refuse Secure cookies there
        environment.put("HAVEN_SECURE_COOKIES", "false");
        return start(root, "query-service", port, environment, logDirectory);
    }

    /** What both services are started with: the store, the identity provider, the keys, the partnership. */
    private static Map<String, String> environment(
            Map<String, String> settings,
            String mongoUri,
            ServiceProcess identity,
            String masterKey,
            String partnership) {
        var environment = new java.util.HashMap<>(settings);
        environment.put("MONGODB_URI", mongoUri);
        environment.put("HAVEN_ISSUER_URI", identity.issuer());
        environment.put("HAVEN_MASTER_KEY", masterKey);
        environment.put("HAVEN_PARTNERSHIP", partnership);
        return environment;
    }

    /** The demo partnership, whose organisations the development identity provider's staff belong to, unless set. */
    static String partnership() {
        return Optional.ofNullable(System.getenv("HAVEN_PARTNERSHIP")).orElse("demo");
    }

    /** A new master key: 32 random bytes, base64. */
    public static String newMasterKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** As a token from this identity provider names its issuer. */
    public String issuer() {
        return "http://localhost:" + port;
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until {@code /actuator/health} answers UP; fails early if the process dies. */
    public void awaitHealthy(Duration timeout) throws InterruptedException {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        var health = HttpRequest.newBuilder(URI.create(url() + "/actuator/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " stopped while starting; see " + log);
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " was not healthy within " + timeout + "; see " + log);
    }

    /** {@code kill -9}: no shutdown hooks, no released claims, no flushed buffers. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** A clean stop (SIGTERM), so the service finishes in-flight work; forced after 30 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
