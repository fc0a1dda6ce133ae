package haven.query;

import com.mongodb.client.MongoDatabase;
import haven.infra.council.Areas;
import haven.infra.council.Partnership;
import haven.infra.eventstore.HavenApplication;
import haven.infra.eventstore.HavenClock;
import haven.infra.eventstore.MongoEventStoreConfiguration;
import haven.infra.security.StaffDirectory;
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

    /** Due dates, overdue flags and trend months follow the council's calendar, not the server's. */
    @Bean
    Clock clock(
            @Value("${haven.time-zone:Europe/London}") ZoneId zone,
            @Value("${haven.clock.offset-file:}") String offsetFile) {
        return HavenClock.of(zone, offsetFile);
    }

    /**
     * The partnership's areas (HAVEN_AREAS) and each organisation's own, checked at start-up: a mistake
     * stops the service with its line named.
     */
    @Bean
    Areas areas(@Value("${haven.areas:}") String path, Partnership partnership) {
        return Areas.load(path).servedBy(partnership);
    }

    /** Who signs in: cases are assigned from it, escalations and notifications reach them. */
    @Bean
    StaffDirectory staffDirectory(MongoDatabase havenDatabase, Partnership partnership) {
        return new StaffDirectory(havenDatabase, partnership);
    }

    public static void main(String[] args) {
        HavenApplication.run(QueryServiceApplication.class, args);
    }
}
