package haven.infra.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In production a service with a development setting does not start: it says which, in one line, and exits. */
class ProductionStartTest {

    @Test
    void aServiceTrustingAnHttpIssuerInProductionExitsNamingTheSetting(@TempDir Path logs) throws Exception {
        var jar = LocalSystem.ROOT.resolve("query-service/target/query-service.jar");
        var log = logs.resolve("query.log");
        var builder = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"), "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("SPRING_PROFILES_ACTIVE", "production");
        builder.environment().put("HAVEN_ISSUER_URI", "http://identity:9000");
        builder.environment().put("HAVEN_MASTER_KEY", ServiceProcess.newMasterKey());
        builder.environment().put("PORT", Integer.toString(LocalSystem.freePort()));
        var process = builder.start();

        // exits before the application context, so it is quick; the bound only stops a broken build hanging
        assertThat(process.waitFor(120, TimeUnit.SECONDS))
                .as("the service stopped")
                .isTrue();
        assertThat(process.exitValue()).isEqualTo(78);
        assertThat(Files.readAllLines(log))
                .filteredOn(line -> line.startsWith("Haven will not start in production"))
                .singleElement()
                .asString()
                .contains("HAVEN_ISSUER_URI");
    }
}
