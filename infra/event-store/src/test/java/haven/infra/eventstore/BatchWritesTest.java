package haven.infra.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import haven.infra.embedded.EmbeddedStore;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchWritesTest {

    final List<String> commands = new ArrayList<>();
    final MongoClient client = MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(EmbeddedStore.shared().uri("batches")))
            .addCommandListener(new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent started) {
                    commands.add(started.getCommandName());
                }
            })
            .build());
    final MongoCollection<Document> rows =
            client.getDatabase("batches-" + UUID.randomUUID()).getCollection("rows");

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void aBatchThatSavesSomeRowsAndDeletesOthersStoresThemInTwoRequestsWhateverTheirOrder() {
        IntStream.range(0, 10).forEach(i -> rows.insertOne(new Document("_id", "row-" + i).append("n", i)));
        commands.clear();

        var unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("a batch"));
        unitOfWork.execute(() -> IntStream.range(0, 10).forEach(i -> {
            if (i % 2 == 0) {
                BatchWrites.current().save(rows, new Document("_id", "row-" + i).append("n", i * 10));
            } else {
                BatchWrites.current().delete(rows, "row-" + i);
            }
        }));

        assertThat(commands).containsExactly("update", "delete");
        assertThat(rows.find().map(row -> row.getInteger("n")).into(new ArrayList<>()))
                .containsExactlyInAnyOrder(0, 20, 40, 60, 80);
    }
}
