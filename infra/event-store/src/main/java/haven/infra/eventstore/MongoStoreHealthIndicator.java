package haven.infra.eventstore;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/** Reports the store as down when it does not answer a ping (Spring's own indicator needs Spring Data). */
public class MongoStoreHealthIndicator extends AbstractHealthIndicator {

    private final MongoDatabase database;

    public MongoStoreHealthIndicator(MongoDatabase database) {
        super("MongoDB store is not reachable");
        this.database = database;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        database.runCommand(new Document("ping", 1));
        builder.up();
    }
}
