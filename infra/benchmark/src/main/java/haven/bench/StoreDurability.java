package haven.bench;

import com.mongodb.client.MongoClients;
import haven.infra.embedded.EmbeddedStore;
import haven.infra.embedded.EmbeddedStore.Durability;
import java.nio.file.Files;
import org.bson.Document;

/**
 * What committing every write before acknowledging it costs on the persistent embedded store:
 * single-document inserts per second at 1 and 8 threads, committed on acknowledgement versus
 * the H2 backend's own once-a-second commit. {@code java -jar haven-benchmark.jar durability [seconds]}
 */
final class StoreDurability {

    private StoreDurability() {}

    static void run(int seconds) throws Exception {
        System.out.println("| durability | inserts/s, 1 thread | inserts/s, 8 threads |");
        System.out.println("|---|---:|---:|");
        for (Durability durability : new Durability[] {Durability.EVERY_SECOND, Durability.ON_ACKNOWLEDGE}) {
            var data = Files.createTempDirectory("durability");
            try (var store = EmbeddedStore.persistent(data, 0, durability, 256);
                    var client = MongoClients.create(store.uri("d"))) {
                var reports = client.getDatabase("d").getCollection("reports");
                reports.insertOne(new Document("warm", true));
                double one = Benchmark.throughput(
                        1, seconds, () -> reports.insertOne(new Document("payload", "x".repeat(400))));
                double eight = Benchmark.throughput(
                        8, seconds, () -> reports.insertOne(new Document("payload", "x".repeat(400))));
                System.out.printf("| %s | %,.0f | %,.0f |%n", durability, one, eight);
            }
        }
    }
}
