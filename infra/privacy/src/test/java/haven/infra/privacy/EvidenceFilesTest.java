package haven.infra.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import haven.infra.embedded.EmbeddedStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A file is stored sealed, opens only as its own case's, and is gone for good with the case's key. */
class EvidenceFilesTest {

    static final String KEY = "Jq7v3kXH9mZbR2tL8cW1yN5pF0sD4gA6eU+oI/QrKxM=";

    static MongoClient client;
    final MongoDatabase database = client.getDatabase("evidence-" + UUID.randomUUID());
    final PersonalDataKeys keys = new PersonalDataKeys(database, KEY, Duration.ZERO);
    final EvidenceFiles files = new EvidenceFiles(database, keys);

    @BeforeAll
    static void connect() {
        client = MongoClients.create(EmbeddedStore.shared().uri("test"));
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Test
    void aFileReadsBackAsUploadedAndIsStoredSealed() {
        byte[] photo = new byte[700_000]; // several GridFS chunks
        new Random(7).nextBytes(photo);
        System.arraycopy("SECRET-MARK".getBytes(StandardCharsets.US_ASCII), 0, photo, 1000, 11);

        files.store("case-1", "file-1", photo);

        assertThat(files.open("case-1", "file-1"))
                .hasValueSatisfying(read -> assertThat(read).isEqualTo(photo));
        assertThat(storedBytes()).doesNotContain("SECRET-MARK");
        assertThat(database.getCollection(EvidenceFiles.FILES).find().first().getString("filename"))
                .isEqualTo("case-1");
    }

    @Test
    void aFileDoesNotOpenAsAnotherCasesOrUnderAnotherId() {
        files.store("case-1", "file-1", "a letter".getBytes(StandardCharsets.UTF_8));
        keys.seal("case-2", "case 2 has a key too");

        assertThat(files.open("case-2", "file-1")).isEmpty();
        assertThat(files.open("case-1", "file-2")).isEmpty();
    }

    @Test
    void destroyingTheCaseKeyLeavesItsFilesUnreadableAndDeletingThemFreesTheSpace() {
        files.store("case-1", "file-1", "a screenshot".getBytes(StandardCharsets.UTF_8));
        files.store("case-1", "file-2", "another".getBytes(StandardCharsets.UTF_8));
        files.store("case-3", "file-3", "kept".getBytes(StandardCharsets.UTF_8));

        keys.destroy("case-1");
        assertThat(files.open("case-1", "file-1")).isEmpty();

        files.deleteCase("case-1");
        assertThat(database.getCollection(EvidenceFiles.FILES).countDocuments()).isEqualTo(1);
        assertThat(files.open("case-3", "file-3")).isPresent();
    }

    private String storedBytes() {
        var all = new StringBuilder();
        for (Document chunk : database.getCollection(EvidenceFiles.CHUNKS).find()) {
            all.append(new String(chunk.get("data", Binary.class).getData(), StandardCharsets.ISO_8859_1));
        }
        return all.toString();
    }
}
