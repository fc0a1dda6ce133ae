package haven.query;

import haven.infra.eventstore.HavenApplication;
import haven.infra.eventstore.MongoEventStoreConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

@SpringBootApplication
@Import(MongoEventStoreConfiguration.class)
public class QueryServiceApplication {

    public static void main(String[] args) {
        HavenApplication.run(QueryServiceApplication.class, args);
    }
}
