package haven.query.access;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import haven.infra.council.Partnership;
import haven.infra.embedded.EmbeddedStore;
import haven.infra.privacy.PersonalDataKeys;
import haven.infra.security.Role;
import haven.infra.security.Staff;
import haven.query.access.AccessLog.View;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Removing or changing an access-log entry is found, by anyone who asks, however it was done. */
class AccessLogChainTest {

    static final String MASTER_KEY = "2wWHnACcdJAmCKcTyJ2dkojGYou09GXIPdb1NwTd/co=";
    static final Staff READER = new Staff("cw.lee", Set.of(Role.CASEWORKER), "equality", "council");

    MongoClient client;
    MongoDatabase database;
    AccessLog log;

    @BeforeEach
    void emptyLog() {
        client = MongoClients.create(EmbeddedStore.shared().uri("chain"));
        database = client.getDatabase("chain-" + UUID.randomUUID());
        log = logOn(database, MASTER_KEY);
    }

    @AfterEach
    void close() {
        client.close();
    }

    static AccessLog logOn(MongoDatabase database, String masterKey) {
        return new AccessLog(
                database,
                new PersonalDataKeys(database, masterKey, Duration.ofMinutes(1)),
                Partnership.load(""),
                Clock.systemUTC(),
                masterKey);
    }

    @Test
    void anUntouchedLogIsIntactFromItsFirstEntryToItsLast() {
        assertThat(log.verify().intact()).isTrue();
        writeFive();

        var verification = log.verify();
        assertThat(verification.intact()).isTrue();
        assertThat(verification.entries()).isEqualTo(5);
    }

    @Test
    void aChangedEntryIsFoundEvenWhenItsHashIsRecomputedWithoutTheMasterKey() {
        writeFive();
        database.getCollection(AccessLog.COLLECTION).updateOne(eq("_id", 3L), Updates.set("staff", "mgr.jones"));

        var verification = log.verify();
        assertThat(verification.intact()).isFalse();
        assertThat(verification.firstBrokenEntry()).isEqualTo(3);
        assertThat(verification.entries()).isEqualTo(2);
    }

    @Test
    void aRemovedEntryIsFoundWhereverItWas() {
        writeFive();
        database.getCollection(AccessLog.COLLECTION).deleteOne(eq("_id", 2L));
        assertThat(log.verify().firstBrokenEntry()).isEqualTo(2);

        database.getCollection(AccessLog.COLLECTION).deleteMany(new org.bson.Document());
        assertThat(log.verify().intact())
                .as("every entry removed, the head remains")
                .isFalse();
    }

    @Test
    void theLastEntryRemovedIsFoundToo() {
        writeFive();
        database.getCollection(AccessLog.COLLECTION).deleteOne(eq("_id", 5L));

        var verification = log.verify();
        assertThat(verification.intact()).isFalse();
        assertThat(verification.entries()).isEqualTo(4);
    }

    @Test
    void aLogRewrittenUnderAnotherKeyDoesNotPass() {
        writeFive();
        var forger = logOn(database, "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
        forger.refused(READER, UUID.randomUUID().toString(), View.CASE_FILE, "council");

        assertThat(log.verify().firstBrokenEntry()).isEqualTo(6);
    }

    @Test
    void instancesAppendingAtOnceMakeOneUnbrokenChain() throws Exception {
        var second = logOn(database, MASTER_KEY);
        var pool = Executors.newFixedThreadPool(8);
        var writes = new ArrayList<Future<?>>();
        for (int i = 0; i < 80; i++) {
            AccessLog instance = i % 2 == 0 ? log : second;
            writes.add(pool.submit(() -> instance.read(
                    READER, UUID.randomUUID().toString(), View.TIMELINE, AccessLog.Basis.ASSIGNED_CASEWORKER, null)));
        }
        for (var write : writes) {
            write.get();
        }
        pool.shutdown();

        var verification = log.verify();
        assertThat(verification.intact()).isTrue();
        assertThat(verification.entries()).isEqualTo(80);
    }

    private void writeFive() {
        for (int i = 0; i < 5; i++) {
            log.read(READER, UUID.randomUUID().toString(), View.CASE_FILE, AccessLog.Basis.ASSIGNED_CASEWORKER, null);
        }
    }
}
