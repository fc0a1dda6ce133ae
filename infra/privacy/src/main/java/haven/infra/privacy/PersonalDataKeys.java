package haven.infra.privacy;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.regex;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * The keys that personal data is encrypted with: one per case, and one per data subject within a
 * case where that person's erasure must not erase anyone else's data. Each key is stored wrapped
 * (encrypted) by the master key of the case's organisation ({@link MasterKeys}), which comes from
 * configuration (production: a KMS or vault) and is never stored. Destroying a case's keys erases
 * its personal data from every event, snapshot, dead letter and view that holds it sealed, at once.
 *
 * <p>Keys are cached for a short while; an instance that did not destroy a key stops using it
 * when it hears of the erasure ({@link #forget}) or when the cache entry expires.
 */
public class PersonalDataKeys {

    public static final String COLLECTION = "personal_data_keys";
    /** The cases whose keys were destroyed (ids only): no key is kept for them again. */
    public static final String ERASED = "erased_cases";

    private static final String SEALED_PREFIX = "sealed:v1:";

    /** The cases whose first events this thread is storing ({@link #opening}). */
    private static final ThreadLocal<Collection<String>> OPENING = ThreadLocal.withInitial(List::of);

    private final MongoCollection<Document> keys;
    private final MongoCollection<Document> erased;
    private final MasterKeys masterKeys;
    private final Cache<String, byte[]> cache;
    private final Duration cacheFor;
    private final List<Runnable> whenForgetting = new CopyOnWriteArrayList<>();
    /** Counts forgettings, so keys read while one ran (perhaps since destroyed) are not kept. */
    private final AtomicLong forgettings = new AtomicLong();

    public PersonalDataKeys(MongoDatabase database, String masterKeyBase64, Duration cacheFor) {
        this(database, MasterKeys.single(masterKeyBase64), cacheFor);
    }

    public PersonalDataKeys(MongoDatabase database, MasterKeys masterKeys, Duration cacheFor) {
        this.keys = database.getCollection(COLLECTION);
        this.erased = database.getCollection(ERASED);
        this.masterKeys = masterKeys;
        masterKeys.of(null); // a missing or malformed key stops the service now, not at the first report
        this.cacheFor = cacheFor;
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(cacheFor)
                .maximumSize(100_000)
                .build();
    }

    /** The key id for a case, or for one subject within it. */
    public static String keyId(String caseId, String subject) {
        return subject.isEmpty() ? caseId : caseId + "/" + subject;
    }

    /** The case a key id belongs to (a subject's key is {@code caseId/subject}). */
    public static String caseOf(String keyId) {
        int slash = keyId.indexOf('/');
        return slash < 0 ? keyId : keyId.substring(0, slash);
    }

    /** Text sealed with the key, which is made on first use; the result names its key. */
    public String seal(String keyId, String plain) {
        return seal(keyId, null, plain);
    }

    /**
     * Text sealed with the key; a key made now is wrapped by {@code organisation}'s master key (null:
     * the organisation of the case's key, else the founder's, whose cases' first events name none).
     */
    public String seal(String keyId, String organisation, String plain) {
        byte[] sealed = Aead.seal(keyFor(keyId, organisation), keyId, plain.getBytes(StandardCharsets.UTF_8));
        return SEALED_PREFIX + keyId + ":" + Base64.getEncoder().encodeToString(sealed);
    }

    /** For views: the text sealed, or null when there is none or the case was erased meanwhile (a view keeps nothing then). */
    public String sealUnlessErased(String keyId, String plain) {
        try {
            return plain == null ? null : seal(keyId, plain);
        } catch (ErasedCase erased) {
            return null;
        }
    }

    /**
     * Bytes (a file) sealed with the case's key, bound to {@code name} (what they are, such as a
     * file's id), so that sealed bytes moved to another name or case do not open.
     */
    public byte[] sealBytes(String caseId, String name, byte[] plain) {
        return Aead.seal(keyFor(caseId, null), caseId + "#" + name, plain);
    }

    /** The plain bytes, or empty once the case's key has been destroyed. */
    public Optional<byte[]> openBytes(String caseId, String name, byte[] sealed) {
        return existingKey(caseId).map(key -> Aead.open(key, caseId + "#" + name, sealed));
    }

    public static boolean isSealed(String text) {
        return text != null && text.startsWith(SEALED_PREFIX);
    }

    /** The plain text, or empty once its key has been destroyed. */
    public Optional<String> open(String sealed) {
        int keyEnd = sealed.lastIndexOf(':');
        String keyId = sealed.substring(SEALED_PREFIX.length(), keyEnd);
        return existingKey(keyId)
                .map(key -> new String(
                        Aead.open(key, keyId, Base64.getDecoder().decode(sealed.substring(keyEnd + 1))),
                        StandardCharsets.UTF_8));
    }

    /**
     * Destroys every key of the case: its personal data cannot be read again, anywhere, and none
     * can be added (the case is marked erased first, so a key made while this runs is refused).
     */
    public void destroy(String caseId) {
        erased.replaceOne(
                eq("_id", caseId),
                new Document("_id", caseId).append("at", new Date()),
                new ReplaceOptions().upsert(true));
        // a scan of the keys (the subjects' ids are not listed anywhere); erasure is rare
        keys.deleteMany(or(eq("_id", caseId), regex("_id", "^" + Pattern.quote(caseId + "/"))));
        forget(caseId);
    }

    /** Stops using the case's cached keys (another instance destroyed them). */
    public void forget(String caseId) {
        forgettings.incrementAndGet();
        cache.asMap().keySet().removeIf(keyId -> keyId.equals(caseId) || keyId.startsWith(caseId + "/"));
        whenForgetting.forEach(Runnable::run);
    }

    /** How long a key is used here after another instance destroyed it, at most, unless {@link #forget} is called. */
    public Duration cachedFor() {
        return cacheFor;
    }

    /** Runs {@code drop} whenever a case's keys are forgotten here: anything holding opened data drops it too. */
    public void whenForgetting(Runnable drop) {
        whenForgetting.add(drop);
    }

    /** Whether a stored key opens with this master key (a restore checks every key before it writes one). */
    public boolean unwraps(Document stored) {
        try {
            unwrapped(stored);
            return true;
        } catch (RuntimeException wrongKeyOrDamaged) {
            return false;
        }
    }

    /** Whether the case's keys were destroyed. */
    public boolean isErased(String caseId) {
        return erased.find(eq("_id", caseId)).first() != null;
    }

    /**
     * Runs {@code sealing} for the events that open these cases, being stored now: a case's keys are
     * made with its first event, so none can exist yet and the store is not asked for them, nor
     * whether the case was erased before they are made. The check after making a key stays (see
     * {@link #newKey}); a case id used again after its erasure gets its key deleted at once and is
     * refused, and the event that tried to open it again is refused by its stream key.
     */
    public static <T> T opening(Collection<String> caseIds, Supplier<T> sealing) {
        Collection<String> before = OPENING.get();
        OPENING.set(caseIds);
        try {
            return sealing.get();
        } finally {
            OPENING.set(before);
        }
    }

    /**
     * The key, made on first use. The case is checked for an erasure before the key is made (no key
     * is ever made for a case known to be erased), unless it is being opened now ({@link #opening}).
     */
    private byte[] keyFor(String keyId, String organisation) {
        String caseId = caseOf(keyId);
        if (OPENING.get().contains(caseId)) {
            byte[] madeForThisEvent = cache.getIfPresent(keyId);
            return madeForThisEvent != null ? madeForThisEvent : newKey(keyId, caseId, organisation);
        }
        return existingKey(keyId).orElseGet(() -> {
            if (isErased(caseId)) {
                throw new ErasedCase();
            }
            return newKey(keyId, caseId, organisation);
        });
    }

    /**
     * A new key, stored wrapped; the case is checked for an erasure after it is stored (an erasure that
     * ran meanwhile may have deleted keys before this one was inserted).
     */
    private byte[] newKey(String keyId, String caseId, String organisation) {
        // the case's own key is the one an organisation would be read from, and it is being made now
        String owner = masterKeys.organisationOrFounder(
                organisation != null || keyId.equals(caseId) ? organisation : organisationOfKey(caseId));
        byte[] key = Aead.newKey();
        try {
            keys.insertOne(new Document("_id", keyId)
                    .append("org", owner)
                    .append("wrapped", new Binary(Aead.seal(masterKeys.of(owner), keyId, key)))
                    .append("createdAt", new Date()));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return existingKey(keyId).orElseThrow(); // another writer made it first
        }
        if (isErased(caseId)) {
            keys.deleteOne(eq("_id", keyId));
            throw new ErasedCase();
        }
        cache.put(keyId, key);
        return key;
    }

    /** The organisation whose master key wraps the case's key, if it has one (null: the founder's, from before partnerships). */
    private String organisationOfKey(String caseId) {
        Document stored =
                keys.find(eq("_id", caseId)).projection(new Document("org", 1)).first();
        return stored == null ? null : stored.getString("org");
    }

    /**
     * Read once however many threads ask at the same moment: every projection opens a new case's
     * first event at about the same time, and each used to read the key from the store itself.
     */
    private Optional<byte[]> existingKey(String keyId) {
        return Optional.ofNullable(cache.get(keyId, this::storedKey));
    }

    /**
     * Reads the keys of the sealed values in {@code texts} that are not cached, in one request: a
     * page of events fetched together opens many cases, and each key read alone was a round trip.
     */
    public void readAhead(Collection<String> texts) {
        var keyIds = new HashSet<String>();
        for (String text : texts) {
            for (int at = text.indexOf(SEALED_PREFIX); at >= 0; at = text.indexOf(SEALED_PREFIX, at + 1)) {
                int start = at + SEALED_PREFIX.length();
                int end = text.indexOf(':', start);
                if (end > start && cache.getIfPresent(text.substring(start, end)) == null) {
                    keyIds.add(text.substring(start, end));
                }
            }
        }
        if (keyIds.isEmpty()) {
            return;
        }
        long before = forgettings.get();
        var read = new HashMap<String, byte[]>();
        keys.find(in("_id", keyIds)).forEach(stored -> read.put(stored.getString("_id"), unwrapped(stored)));
        if (forgettings.get() == before) {
            read.forEach(cache.asMap()::putIfAbsent);
        }
    }

    /** Null when the case has no such key (none made yet, or destroyed): nothing is cached then. */
    private byte[] storedKey(String keyId) {
        Document stored = keys.find(eq("_id", keyId)).first();
        return stored == null ? null : unwrapped(stored);
    }

    private byte[] unwrapped(Document stored) {
        return Aead.open(
                masterKeys.of(stored.getString("org")),
                stored.getString("_id"),
                stored.get("wrapped", Binary.class).getData());
    }
}
