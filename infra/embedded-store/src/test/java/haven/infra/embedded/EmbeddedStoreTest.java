package haven.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        try (var store = EmbeddedStore.inMemory();
                var client = MongoClients.create(store.uri("t"))) {
            var counters = client.getDatabase("t").getCollection("counters");
            Set<Long> returned = ConcurrentHashMap.newKeySet();
            var pool = Executors.newFixedThreadPool(8);
            var futures = new ArrayList<Future<Integer>>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    int duplicates = 0;
                    for (int i = 0; i < 1000; i++) {
                        Document after = counters.findOneAndUpdate(
                                Filters.eq("_id", "c"),
                                Updates.inc("next", 1L),
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
    void aDataFolderInUseIsRefused(@TempDir Path data) {
        try (var store = EmbeddedStore.persistent(data, 0)) {
            assertThatThrownBy(() -> EmbeddedStore.persistent(data, 0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Is another Haven store using this data folder?");
        }
    }

    @Test
    void everyAcknowledgedWriteSurvivesKillMinusNineOfTheStoreProcess(@TempDir Path data) throws Exception {
        int port = freePort();
        Process store = EmbeddedStoreMain.startProcess(data, port);
        long acknowledged = 0;
        try (var client = MongoClients.create("mongodb://127.0.0.1:" + port + "/t?serverSelectionTimeoutMS=2000")) {
            var reports = client.getDatabase("t").getCollection("reports");
            long until = System.nanoTime() + 3_000_000_000L;
            while (System.nanoTime() < until) {
                reports.insertOne(new Document("_id", acknowledged));
                acknowledged++;
            }
            store.destroyForcibly().waitFor(); // kill -9 right after the last acknowledgement
        }
        store = EmbeddedStoreMain.startProcess(data, port);
        try (var client = MongoClients.create("mongodb://127.0.0.1:" + port + "/t")) {
            assertThat(client.getDatabase("t").getCollection("reports").countDocuments())
                    .isEqualTo(acknowledged);
        } finally {
            store.destroy();
            store.waitFor();
        }
    }

    private static int freePort() throws java.io.IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aPersistentStoreKeepsItsDataAcrossARestart(@TempDir Path data) {
        try (var store = EmbeddedStore.persistent(data, 0);
                var client = MongoClients.create(store.uri("t"))) {
            client.getDatabase("t").getCollection("reports").insertOne(new Document("_id", "HV-7K3M-Q9"));
        }
        try (var store = EmbeddedStore.persistent(data, 0);
                var client = MongoClients.create(store.uri("t"))) {
            assertThat(client.getDatabase("t").getCollection("reports").countDocuments())
                    .isEqualTo(1);
        }
    }
}
