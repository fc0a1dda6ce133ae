package haven.query;

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

@SpringBootApplication
@ConfigurationPropertiesScan
@Import(MongoEventStoreConfiguration.class)
public class QueryServiceApplication {

    /** Overdue flags, days open and trend months follow the council's calendar, not the server's. */
    @Bean
    Clock clock(@Value("${haven.time-zone}") ZoneId zone) {
        return Clock.system(zone);
    }

    /**
     * The partnership's areas (HAVEN_AREAS) and each organisation's own, checked at start-up: a mistake
     * stops the service with its line named.
     */
    @Bean
    Areas areas(@Value("${haven.areas:}") String path, Partnership partnership) {
        return Areas.load(path).servedBy(partnership);
    }

    public static void main(String[] args) {
        HavenApplication.run(QueryServiceApplication.class, args);
    }
}
