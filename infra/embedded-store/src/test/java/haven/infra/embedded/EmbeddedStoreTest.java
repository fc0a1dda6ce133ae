package haven.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedStoreTest {

    @Test
    void concurrentIncrementsEachSeeTheirOwnValueAsOnMongoDb() throws Exception {
        try (var store = EmbeddedStore.inMemory(); var client = MongoClients.create(store.uri("t"))) {
            var counters = client.getDatabase("t").getCollection("counters");
            Set<Long> returned = ConcurrentHashMap.newKeySet();
            var pool = Executors.newFixedThreadPool(8);
            var futures = new ArrayList<Future<Integer>>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    int duplicates = 0;
                    for (int i = 0; i < 1000; i++) {
                        Document after = counters.findOneAndUpdate(Filters.eq("_id", "c"), Updates.inc("next", 1L),
                                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
                        duplicates += returned.add(after.getLong("next")) ? 0 : 1;
                    }
                    return duplicates;
                }));
            }
            int duplicates = 0;
            for (var future : futures) {
                duplicates += future.get();
            }
            pool.shutdown();

            assertThat(duplicates).isZero();
            assertThat(returned).hasSize(8000);
        }
    }

    @Test
    void aPersistentStoreKeepsItsDataAcrossARestart(@TempDir Path data) {
        try (var store = EmbeddedStore.persistent(data, 0); var client = MongoClients.create(store.uri("t"))) {
            client.getDatabase("t").getCollection("reports").insertOne(new Document("_id", "HV-7K3M-Q9"));
        }
        try (var store = EmbeddedStore.persistent(data, 0); var client = MongoClients.create(store.uri("t"))) {
            assertThat(client.getDatabase("t").getCollection("reports").countDocuments()).isEqualTo(1);
        }
    }
}
