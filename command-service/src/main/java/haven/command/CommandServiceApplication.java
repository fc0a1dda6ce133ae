package haven.command;

import haven.infra.council.Areas;
import haven.infra.council.Partnership;
import haven.infra.eventstore.HavenApplication;
import haven.infra.eventstore.MongoEventStoreConfiguration;
import java.time.Clock;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Import(MongoEventStoreConfiguration.class)
public class CommandServiceApplication {

    /**
     * The partnership's areas (HAVEN_AREAS) and each organisation's own, checked at start-up: a mistake
     * stops the service with its line named.
     */
    @Bean
    Areas areas(@Value("${haven.areas:}") String path, Partnership partnership) {
        return Areas.load(path).servedBy(partnership);
    }

    public static void main(String[] args) {
        HavenApplication.run(CommandServiceApplication.class, args);
    }

    /** Due dates and appeal windows are counted in the councils' own time zone. */
    @Bean
    Clock clock() {
        return Clock.system(ZoneId.of("Europe/London"));
    }
}
