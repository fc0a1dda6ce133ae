package haven.command;

import haven.infra.eventstore.HavenApplication;
import haven.infra.eventstore.MongoEventStoreConfiguration;
import java.time.Clock;
import java.time.ZoneId;
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

    public static void main(String[] args) {
        HavenApplication.run(CommandServiceApplication.class, args);
    }

    /** Due dates and appeal windows are counted in the councils' own time zone. */
    @Bean
    Clock clock() {
        return Clock.system(ZoneId.of("Europe/London"));
    }
}
