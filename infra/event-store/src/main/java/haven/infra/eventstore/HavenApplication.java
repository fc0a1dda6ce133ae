package haven.infra.eventstore;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts a Haven service without anything that reaches for the internet at start-up. */
public final class HavenApplication {

    private HavenApplication() {
    }

    public static ConfigurableApplicationContext run(Class<?> application, String... args) {
        // Axon's update checker calls an AxonIQ host and writes ~/.axoniq; Haven machines have no internet.
        System.setProperty("axoniq.update-checker.disabled", "true");
        System.setProperty("disable-axoniq-console-message", "true");
        return SpringApplication.run(application, args);
    }
}
