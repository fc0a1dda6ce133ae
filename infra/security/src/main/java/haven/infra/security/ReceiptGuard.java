package haven.infra.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Locale;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Checks a reporter's receipt against the hash kept for their reference ({@link ReceiptHashes}): in
 * the same time whether or not the reference exists and whichever way its receipt is kept, and refusing for a while once a reference, or a client,
 * has had too many wrong guesses. A reference that does not exist is throttled exactly like one
 * that does, so neither the answer nor the refusal tells a guesser which references are real.
 * The client key (the caller's address) is held only in memory, only as a bucket key, never logged.
 */
public class ReceiptGuard {

    private final PasswordEncoder bcrypt = new BCryptPasswordEncoder();
    /**
     * Every check costs one bcrypt comparison (against a legacy hash, else this decoy, made at the
     * cost the legacy hashes were) and one HMAC, so that its time tells nobody whether a reference
     * exists or how old its report is.
     */
    private final String decoyBcrypt;

    private final ReceiptHashes hashes;
    private final String decoyHmac;

    private final Bandwidth perReference;
    private final Bandwidth perClient;
    private final Duration cooldown;
    private final Cache<String, Bucket> buckets;

    /**
     * @param failuresPerReference wrong guesses at one reference before it is refused
     * @param failuresPerClient    wrong guesses from one client (any references) before it is refused
     * @param cooldown             how long until the failures are forgiven
     * @param hashes               how receipts are kept
     * @param legacyCost           bcrypt's cost (log2 rounds) for the receipts kept by bcrypt before: 10
     */
    public ReceiptGuard(
            int failuresPerReference, int failuresPerClient, Duration cooldown, ReceiptHashes hashes, int legacyCost) {
        this.hashes = hashes;
        this.decoyBcrypt = new BCryptPasswordEncoder(legacyCost).encode("0000000000000000");
        this.decoyHmac = hashes.of("0000000000000000");
        this.perReference = limit(failuresPerReference, cooldown);
        this.perClient = limit(failuresPerClient, cooldown);
        this.cooldown = cooldown;
        this.buckets = Caffeine.newBuilder()
                .expireAfterAccess(cooldown.multipliedBy(2))
                .maximumSize(1_000_000)
                .build();
    }

    /** References are typed by hand; case and surrounding spaces do not matter. */
    public static String normaliseReference(String reference) {
        return reference.trim().toUpperCase(Locale.ROOT);
    }

    /**
     * Whether the receipt opens the reference.
     *
     * @param storedHash the hash kept for the reference, or null if there is no such reference
     * @throws TooManyAttempts if the reference or the client has failed too often lately
     */
    public boolean opens(String reference, String receipt, String client, String storedHash) {
        Bucket forReference = buckets.get("reference:" + normaliseReference(reference), key -> bucket(perReference));
        Bucket forClient = buckets.get("client:" + client, key -> bucket(perClient));
        // every attempt spends a token up front (concurrent guesses cannot overshoot); a success gives it back
        boolean referenceAllowed = forReference.tryConsume(1);
        boolean clientAllowed = forClient.tryConsume(1);
        if (!referenceAllowed || !clientAllowed) {
            if (referenceAllowed) {
                forReference.addTokens(1);
            }
            if (clientAllowed) {
                forClient.addTokens(1);
            }
            throw new TooManyAttempts(cooldown);
        }
        String given = ReceiptHashes.digits(receipt);
        boolean legacy = ReceiptHashes.isLegacy(storedHash);
        boolean bcryptOpens = bcrypt.matches(given, legacy ? storedHash : decoyBcrypt);
        boolean hmacOpens = hashes.matches(given, storedHash == null || legacy ? decoyHmac : storedHash);
        boolean opens = storedHash != null && (legacy ? bcryptOpens : hmacOpens);
        if (opens) {
            forReference.addTokens(1);
            forClient.addTokens(1);
        }
        return opens;
    }

    private static Bandwidth limit(int failures, Duration cooldown) {
        return Bandwidth.builder()
                .capacity(failures)
                .refillIntervally(failures, cooldown)
                .build();
    }

    private static Bucket bucket(Bandwidth limit) {
        return Bucket.builder().addLimit(limit).build();
    }
}
