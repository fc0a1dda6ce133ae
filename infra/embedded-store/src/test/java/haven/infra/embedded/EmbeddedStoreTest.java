package haven.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
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

    /**
     * Models the H2 backend: a write is visible once applied and durable once committed, and a
     * commit covers everything applied so far. A write is held between the two; a read meanwhile
     * sees it, and must not be answered until the write is durable.
     */
    @Test
    void aReadIsAnsweredOnlyOnceWhatItSawIsInTheDataFile() throws Exception {
        var applied = new AtomicInteger();
        var durable = new AtomicInteger();
        var writeApplied = new CompletableFuture<Void>();
        var releaseWrite = new CountDownLatch(1);
        var backend = new FaithfulBackend(
                new MemoryBackend() {
                    @Override
                    public de.bwaldvogel.mongo.bson.Document handleCommand(
                            Channel channel, String database, String command, de.bwaldvogel.mongo.bson.Document query) {
                        var answer = super.handleCommand(channel, database, command, query);
                        if (command.equals("insert")) {
                            applied.incrementAndGet();
                            writeApplied.complete(null);
                            awaitQuietly(releaseWrite); // applied, not yet committed
                        }
                        return answer;
                    }
                },
                () -> durable.set(applied.get()));
        var writer = CompletableFuture.runAsync(() -> backend.handleCommand(
                new EmbeddedChannel(),
                "t",
                "insert",
                bson("insert", "reports", "documents", List.of(bson("_id", "HV-7K3M-Q9")))));
        CompletableFuture.anyOf(writeApplied, writer).join();

        var found =
                backend.handleCommand(new EmbeddedChannel(), "t", "find", bson("find", "reports", "filter", bson()));
        int durableWhenAnswered = durable.get();
        releaseWrite.countDown();
        writer.join();

        assertThat(found.toString()).contains("HV-7K3M-Q9");
        assertThat(durableWhenAnswered)
                .as("writes in the data file when the read was answered")
                .isEqualTo(1);
    }

    private static de.bwaldvogel.mongo.bson.Document bson(Object... keysAndValues) {
        var document = new de.bwaldvogel.mongo.bson.Document();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            document.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return document;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
