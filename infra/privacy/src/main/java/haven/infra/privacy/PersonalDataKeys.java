package haven.infra.privacy;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.regex;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * The keys that personal data is encrypted with: one per case, and one per data subject within a
 * case where that person's erasure must not erase anyone else's data. Each key is stored wrapped
 * (encrypted) by the master key, which comes from configuration (production: a KMS or vault) and
 * is never stored. Destroying a case's keys erases its personal data from every event, snapshot,
 * dead letter and view that holds it sealed, at once.
 *
 * <p>Keys are cached for a short while; an instance that did not destroy a key stops using it
 * when it hears of the erasure ({@link #forget}) or when the cache entry expires.
 */
public class PersonalDataKeys {

    public static final String COLLECTION = "personal_data_keys";
    private static final String SEALED_PREFIX = "sealed:v1:";

    private final MongoCollection<Document> keys;
    private final byte[] masterKey;
    private final Cache<String, byte[]> cache;

    public PersonalDataKeys(MongoDatabase database, String masterKeyBase64, Duration cacheFor) {
        this.keys = database.getCollection(COLLECTION);
        this.masterKey = MasterKey.bytes(masterKeyBase64);
        this.cache = Caffeine.newBuilder().expireAfterWrite(cacheFor).maximumSize(100_000).build();
    }

    /** The key id for a case, or for one subject within it. */
    public static String keyId(String caseId, String subject) {
        return subject.isEmpty() ? caseId : caseId + "/" + subject;
    }

    /** Text sealed with the key, which is made on first use; the result names its key. */
    public String seal(String keyId, String plain) {
        byte[] sealed = Aead.seal(keyFor(keyId), keyId, plain.getBytes(StandardCharsets.UTF_8));
        return SEALED_PREFIX + keyId + ":" + Base64.getEncoder().encodeToString(sealed);
    }

    public static boolean isSealed(String text) {
        return text != null && text.startsWith(SEALED_PREFIX);
    }

    /** The plain text, or empty once its key has been destroyed. */
    public Optional<String> open(String sealed) {
        int keyEnd = sealed.lastIndexOf(':');
        String keyId = sealed.substring(SEALED_PREFIX.length(), keyEnd);
        return existingKey(keyId).map(key -> new String(
                Aead.open(key, keyId, Base64.getDecoder().decode(sealed.substring(keyEnd + 1))), StandardCharsets.UTF_8));
    }

    /** Destroys every key of the case: its personal data cannot be read again, anywhere. */
    public void destroy(String caseId) {
        // a scan of the keys (the subjects' ids are not listed anywhere); erasure is rare
        keys.deleteMany(or(eq("_id", caseId), regex("_id", "^" + Pattern.quote(caseId + "/"))));
        forget(caseId);
    }

    /** Stops using the case's cached keys (another instance destroyed them). */
    public void forget(String caseId) {
        cache.asMap().keySet().removeIf(keyId -> keyId.equals(caseId) || keyId.startsWith(caseId + "/"));
    }

    /** Whether a stored key opens with this master key (a restore checks every key before it writes one). */
    public boolean unwraps(Document stored) {
        try {
            Aead.open(masterKey, stored.getString("_id"), stored.get("wrapped", Binary.class).getData());
            return true;
        } catch (RuntimeException wrongKeyOrDamaged) {
            return false;
        }
    }

    private byte[] keyFor(String keyId) {
        return existingKey(keyId).orElseGet(() -> {
            byte[] key = Aead.newKey();
            try {
                keys.insertOne(new Document("_id", keyId).append("wrapped", new Binary(Aead.seal(masterKey, keyId, key)))
                        .append("createdAt", new Date()));
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                return existingKey(keyId).orElseThrow(); // another writer made it first
            }
            cache.put(keyId, key);
            return key;
        });
    }

    private Optional<byte[]> existingKey(String keyId) {
        byte[] cached = cache.getIfPresent(keyId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Document stored = keys.find(eq("_id", keyId)).first();
        if (stored == null) {
            return Optional.empty();
        }
        byte[] key = Aead.open(masterKey, keyId, stored.get("wrapped", Binary.class).getData());
        cache.put(keyId, key);
        return Optional.of(key);
    }
}
