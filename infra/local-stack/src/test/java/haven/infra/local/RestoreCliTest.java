package haven.infra.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClients;
import haven.infra.embedded.EmbeddedStore;
import haven.infra.privacy.MasterKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backup and restore commands a council runs, as real processes against the local stack on
 * disk: a backup of the demo cases restored into a new data folder reads every narrative as before
 * once Haven starts there; under another master key the restore is refused in one line naming the
 * key it needs, and writes nothing; and Haven will not start on a store whose master key is missing.
 */
class RestoreCliTest {

    static final String DEMO_NARRATIVE = "Demo: a passenger shouted abuse at me on the bus.";

    @Test
    void aRestoredDataFolderReadsEveryNarrativeAndAnotherKeyIsRefused(@TempDir Path work) throws Exception {
        String masterKey = ServiceProcess.newMasterKey();
        Path archive = work.resolve("haven.backup");
        String caseId;
        String before;
        try (var system = LocalSystem.start(
                "restore-cli-before",
                EmbeddedStore.persistent(work.resolve("before"), LocalSystem.freePort()),
                masterKey)) {
            caseId = DemoData.seed(system.command().url(), system.identity().url())
                    .get("caseId");
            before = awaitNarrative(system, caseId);
            var backup = cli(
                    work,
                    Map.of("STORE_PORT", storePort(system.store()), "HAVEN_MASTER_KEY", masterKey),
                    "backup",
                    archive.toString());
            assertThat(backup.exitValue()).as(backup.output()).isZero();
        }
        assertThat(before).isEqualTo(DEMO_NARRATIVE);

        var refused = cli(
                work,
                Map.of(
                        "HAVEN_DATA",
                        work.resolve("elsewhere").toString(),
                        "HAVEN_MASTER_KEY",
                        ServiceProcess.newMasterKey()),
                "restore",
                archive.toString());
        assertThat(refused.exitValue()).isNotZero();
        assertThat(refused.output()
                        .lines()
                        .filter(line -> line.contains(MasterKey.fingerprint(masterKey)))
                        .toList())
                .singleElement()
                .asString()
                .startsWith("This archive needs master key");
        try (var store = EmbeddedStore.persistent(work.resolve("elsewhere"), 0);
                var client = MongoClients.create(store.uri("haven"))) {
            assertThat(client.getDatabase("haven").listCollectionNames().into(new java.util.ArrayList<>()))
                    .as("nothing written")
                    .isEmpty();
        }

        Path restoredData = work.resolve("restored");
        var restored = cli(
                work,
                Map.of("HAVEN_DATA", restoredData.toString(), "HAVEN_MASTER_KEY", masterKey),
                "restore",
                archive.toString());
        assertThat(restored.exitValue()).as(restored.output()).isZero();
        assertThat(restored.output()).contains("Restore verified");
        assertThat(Files.readString(restoredData.resolve("master.key")).trim())
                .as("kept for the stack")
                .isEqualTo(masterKey);

        var withoutKey = work.resolve("restored-without-key");
        copy(restoredData, withoutKey);
        Files.delete(withoutKey.resolve("master.key"));
        var refusedStart = cli(
                work,
                Map.of(
                        "HAVEN_DATA",
                        withoutKey.toString(),
                        "HAVEN_ROOT",
                        LocalSystem.ROOT.toString(),
                        "STORE_PORT",
                        Integer.toString(LocalSystem.freePort())));
        assertThat(refusedStart.exitValue()).as(refusedStart.output()).isEqualTo(78);
        assertThat(refusedStart.output()).contains("master.key is missing");

        String keptKey = Files.readString(restoredData.resolve("master.key")).trim();
        try (var system = LocalSystem.start(
                "restore-cli-after", EmbeddedStore.persistent(restoredData, LocalSystem.freePort()), keptKey)) {
            assertThat(awaitNarrative(system, caseId)).isEqualTo(DEMO_NARRATIVE);
        }
    }

    /** The case's narrative as its team's manager reads it, once the views have it. */
    private static String awaitNarrative(LocalSystem system, String caseId) throws InterruptedException {
        var manager = JsonHttp.signedIn(system.identity().url(), "mgr.jones");
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            var record = manager.get(system.query().url() + "/api/cases/" + caseId + "/record");
            if (record.status() == 200
                    && !record.body().path("report").path("narrative").isMissingNode()) {
                return record.body().path("report").path("narrative").asText(null);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the case record never became readable");
    }

    record Cli(int exitValue, String output) {}

    /** {@code java -cp … haven.infra.local.LocalStack args…}: the command the README gives, with this environment. */
    private static Cli cli(Path work, Map<String, String> environment, String... args) throws Exception {
        var command = new java.util.ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                LocalStack.class.getName()));
        command.addAll(List.of(args));
        Path output = Files.createTempFile(work, "cli", ".out");
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().remove("HAVEN_MASTER_KEY");
        builder.environment().remove("MONGODB_URI");
        builder.environment().putAll(environment);
        var process = builder.start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES))
                .as("the command finished")
                .isTrue();
        return new Cli(process.exitValue(), Files.readString(output));
    }

    private static String storePort(EmbeddedStore store) {
        return Integer.toString(store.port());
    }

    private static void copy(Path from, Path to) throws Exception {
        try (var files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
            }
        }
    }
}
