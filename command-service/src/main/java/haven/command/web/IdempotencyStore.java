package haven.command.web;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import haven.infra.privacy.Aead;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Remembers the first response to each {@code Idempotency-Key} for a day.
 *
 * <p>A response can hold a secret (a new report's receipt), so it is stored sealed with AES-GCM
 * under a key derived from the client's idempotency key, which the store never keeps: only the
 * client that sent the key can open it again. The record is found by a hash of the key, and the
 * request is recognised by an HMAC under it.
 */
@Component
class IdempotencyStore {

    static final Duration KEPT_FOR = Duration.ofHours(24);
    /**
     * A first attempt still unfinished after this long has died (its instance stopped, or the store
     * went away before the claim could be released): a retry with the same key may run.
     */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);

    sealed interface Claim permits Fresh, Replay, Mismatch, InProgress {}

    record Fresh() implements Claim {}

    record Replay(int status, String contentType, byte[] body) implements Claim {}

    record Mismatch() implements Claim {}

    record InProgress() implements Claim {}

    private final MongoCollection<Document> records;
    private final Clock clock;

    IdempotencyStore(MongoDatabase havenDatabase, Clock clock) {
        this.records = havenDatabase.getCollection("idempotency");
        this.clock = clock;
        // honoured by a real MongoDB; the embedded store ignores it, hence the sweep
        records.createIndex(
                Indexes.ascending("createdAt"), new IndexOptions().expireAfter(KEPT_FOR.toSeconds(), TimeUnit.SECONDS));
    }

    Claim claim(String key, byte[] request) {
        String id = recordId(key);
        byte[] fingerprint = hmac(key, request);
        while (true) {
            try {
                records.insertOne(new Document("_id", id)
                        .append("fingerprint", new Binary(fingerprint))
                        .append("createdAt", Date.from(clock.instant())));
                return new Fresh();
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            Document existing = records.find(eq("_id", id)).first();
            if (existing == null) {
                continue; // released meanwhile: claim again
            }
            Duration keptFor = existing.containsKey("status") ? KEPT_FOR : ABANDONED_AFTER;
            if (existing.getDate("createdAt").toInstant().plus(keptFor).isBefore(clock.instant())) {
                records.deleteOne(new Document("_id", id).append("createdAt", existing.getDate("createdAt")));
                continue;
            }
            if (!MessageDigest.isEqual(
                    fingerprint, existing.get("fingerprint", Binary.class).getData())) {
                return new Mismatch();
            }
            if (!existing.containsKey("status")) {
                return new InProgress();
            }
            return new Replay(
                    existing.getInteger("status"),
                    existing.getString("contentType"),
                    open(key, existing.get("body", Binary.class).getData()));
        }
    }

    void complete(String key, int status, String contentType, byte[] body) {
        records.updateOne(
                eq("_id", recordId(key)),
                combine(
                        set("status", status),
                        set("contentType", contentType),
                        set("body", new Binary(seal(key, body)))));
    }

    /**
     * Forgets every record older than a day. A real MongoDB's TTL index usually has already; the
     * embedded store ignores TTL indexes, so each instance sweeps too (a scan of a small collection).
     */
    @Scheduled(
            initialDelayString = "${haven.idempotency.sweep-every:PT1H}",
            fixedDelayString = "${haven.idempotency.sweep-every:PT1H}")
    void sweep() {
        sweep(clock.instant());
    }

    long sweep(Instant now) {
        return records.deleteMany(lt("createdAt", Date.from(now.minus(KEPT_FOR))))
                .getDeletedCount();
    }

    void release(String key) {
        records.deleteOne(eq("_id", recordId(key)));
    }

    private static String recordId(String key) {
        return HexFormat.of().formatHex(sha256("haven-idempotency-record|" + key));
    }

    private static byte[] seal(String key, byte[] plain) {
        return Aead.seal(sealKey(key), "", plain);
    }

    private static byte[] open(String key, byte[] stored) {
        return Aead.open(sealKey(key), "", stored);
    }

    private static byte[] sealKey(String key) {
        return sha256("haven-idempotency-seal|" + key);
    }

    private static byte[] hmac(String key, byte[] request) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(request);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
