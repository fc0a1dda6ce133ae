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
 * Checks a reporter's receipt against the slow hash kept for their reference: in the same time
 * whether or not the reference exists, and refusing for a while once a reference, or a client,
 * has had too many wrong guesses. A reference that does not exist is throttled exactly like one
 * that does, so neither the answer nor the refusal tells a guesser which references are real.
 * The client key (the caller's address) is held only in memory, only as a bucket key, never logged.
 */
public class ReceiptGuard {

    private final PasswordEncoder hashes = new BCryptPasswordEncoder();
    /** Compared against when a reference is unknown, so both answers cost the same bcrypt work. */
    private final String decoyHash = hashes.encode("0000000000000000");

    private final Bandwidth perReference;
    private final Bandwidth perClient;
    private final Duration cooldown;
    private final Cache<String, Bucket> buckets;

    /**
     * @param failuresPerReference wrong guesses at one reference before it is refused
     * @param failuresPerClient    wrong guesses from one client (any references) before it is refused
     * @param cooldown             how long until the failures are forgiven
     */
    public ReceiptGuard(int failuresPerReference, int failuresPerClient, Duration cooldown) {
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
        boolean opens = hashes.matches(receipt.replaceAll("[\\s-]", ""), storedHash == null ? decoyHash : storedHash)
                && storedHash != null;
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
