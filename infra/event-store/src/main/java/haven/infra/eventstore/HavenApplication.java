package haven.infra.eventstore;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts a Haven service without anything that reaches for the internet at start-up. */
public final class HavenApplication {

    private HavenApplication() {}

    public static ConfigurableApplicationContext run(Class<?> application, String... args) {
        // Axon's update checker is left out by each service's application.yml, which its tests read too
        System.setProperty("disable-axoniq-console-message", "true");
        return SpringApplication.run(application, args);
    }
}
