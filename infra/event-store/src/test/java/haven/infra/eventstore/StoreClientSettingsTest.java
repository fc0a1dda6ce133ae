package haven.infra.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoClientSettings;
import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import haven.infra.embedded.EmbeddedStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.mongo.MongoClientSettingsBuilderCustomizer;

class StoreClientSettingsTest {

    @Test
    void aDownStoreIsNoticedWithinSecondsUnlessTheUriSaysOtherwise() {
        var settings = settings(StoreClientSettings.waitForAServer("mongodb://h1/haven", Duration.ofSeconds(5)));
        assertThat(settings.getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS))
                .isEqualTo(5000);

        var builder = MongoClientSettings.builder()
                .applyConnectionString(
                        new com.mongodb.ConnectionString("mongodb://h1/haven?serverSelectionTimeoutMS=700"));
        StoreClientSettings.waitForAServer("mongodb://h1/haven?serverSelectionTimeoutMS=700", Duration.ofSeconds(5))
                .customize(builder);
        assertThat(builder.build().getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS))
                .isEqualTo(700);
    }

    @Test
    void productionAcknowledgesOnlyMajorityJournaledWritesAndReadsMajorityCommittedData() {
        var settings = settings(StoreClientSettings.majorityCommitted());
        assertThat(settings.getWriteConcern().getWString()).isEqualTo("majority");
        assertThat(settings.getWriteConcern().getJournal()).isTrue();
        assertThat(settings.getWriteConcern().getWTimeout(TimeUnit.SECONDS)).isEqualTo(10);
        assertThat(settings.getReadConcern()).isEqualTo(ReadConcern.MAJORITY);
    }

    @Test
    void theEmbeddedStoreAcceptsTheProductionSettings() {
        try (var store = EmbeddedStore.inMemory()) {
            var builder = MongoClientSettings.builder()
                    .applyConnectionString(new com.mongodb.ConnectionString(store.uri("t")));
            StoreClientSettings.majorityCommitted().customize(builder);
            try (var client = com.mongodb.client.MongoClients.create(builder.build())) {
                var things = client.getDatabase("t").getCollection("things");
                things.insertOne(new Document("_id", 1));
                assertThat(things.find(new Document("_id", 1)).first()).isNotNull();
                assertThat(things.getWriteConcern())
                        .isEqualTo(WriteConcern.MAJORITY.withJournal(true).withWTimeout(10, TimeUnit.SECONDS));
            }
        }
    }

    private static MongoClientSettings settings(MongoClientSettingsBuilderCustomizer customizer) {
        var builder = MongoClientSettings.builder();
        customizer.customize(builder);
        return builder.build();
    }
}
