package haven.infra.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import haven.infra.embedded.EmbeddedStore;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What keys cost in requests to the store. A report's first event makes its case's key: two
 * requests (the key, then the check for an erasure that ran meanwhile) instead of four, and still
 * no key for an erased case. A page of events fetched together reads its cases' keys in one.
 */
class KeyRequestsTest {

    final List<String> requests = new CopyOnWriteArrayList<>();
    final String caseId = UUID.randomUUID().toString();
    MongoClient client;
    MongoDatabase database;
    PersonalDataKeys keys;

    @BeforeEach
    void store() {
        String name = "opening-" + UUID.randomUUID();
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(
                        new ConnectionString(EmbeddedStore.shared().uri(name)))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent event) {
                        String collection = event.getCommand()
                                .getString(event.getCommandName(), new BsonString(""))
                                .getValue();
                        if (collection.equals(PersonalDataKeys.COLLECTION)
                                || collection.equals(PersonalDataKeys.ERASED)) {
                            requests.add(event.getCommandName() + " " + collection);
                        }
                    }
                })
                .build());
        database = client.getDatabase(name);
        keys = new PersonalDataKeys(database, OrganisationKeysTest.COUNCIL_KEY, Duration.ofMinutes(1));
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void aCaseBeingOpenedGetsItsKeyWithoutLookingForOneFirst() {
        String sealed = PersonalDataKeys.opening(List.of(caseId), () -> keys.seal(caseId, "\"what happened\""));

        assertThat(requests)
                .containsExactly("insert " + PersonalDataKeys.COLLECTION, "find " + PersonalDataKeys.ERASED);
        assertThat(keys.open(sealed)).contains("\"what happened\"");
    }

    @Test
    void aCaseNotBeingOpenedIsLookedForAndCheckedBeforeAKeyIsMade() {
        keys.seal(caseId, "\"what happened\"");

        assertThat(requests)
                .containsExactly(
                        "find " + PersonalDataKeys.COLLECTION,
                        "find " + PersonalDataKeys.ERASED,
                        "insert " + PersonalDataKeys.COLLECTION,
                        "find " + PersonalDataKeys.ERASED);
    }

    @Test
    void aPageOfEventsReadsTheKeysItNeedsInOneRequestAndOpensWithoutMore() {
        String otherCase = UUID.randomUUID().toString();
        var writer = new PersonalDataKeys(database, OrganisationKeysTest.COUNCIL_KEY, Duration.ofMinutes(1));
        String first = writer.seal(caseId, "\"what happened\"");
        String second = writer.seal(PersonalDataKeys.keyId(caseId, "witness"), "\"who saw it\"");
        String erased = writer.seal(otherCase, "\"since erased\"");
        writer.destroy(otherCase);
        requests.clear();

        keys.readAhead(List.of(
                "{\"narrative\":\"" + first + "\",\"witness\":\"" + second + "\"}",
                "{\"type\":\"TRIAGED\"}",
                "{\"narrative\":\"" + erased + "\"}"));

        assertThat(requests).containsExactly("find " + PersonalDataKeys.COLLECTION);
        assertThat(keys.open(first)).contains("\"what happened\"");
        assertThat(keys.open(second)).contains("\"who saw it\"");
        assertThat(requests).hasSize(1);
        keys.readAhead(List.of(first, second));
        assertThat(requests).as("all cached: nothing to read").hasSize(1);
        assertThat(keys.open(erased)).as("destroyed: no key to read ahead").isEmpty();
    }

    @Test
    void anErasedCaseOpenedAgainUnderItsOldIdIsRefusedAndKeepsNoKey() {
        keys.seal(caseId, "\"what happened\"");
        keys.destroy(caseId);

        assertThatThrownBy(() -> PersonalDataKeys.opening(List.of(caseId), () -> keys.seal(caseId, "\"again\"")))
                .isInstanceOf(ErasedCase.class);
        assertThat(database.getCollection(PersonalDataKeys.COLLECTION).countDocuments(new Document("_id", caseId)))
                .isZero();
    }
}
