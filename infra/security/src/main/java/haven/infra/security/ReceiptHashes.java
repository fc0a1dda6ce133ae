package haven.infra.security;

import haven.infra.privacy.DerivedKey;
import haven.infra.privacy.Hkdf;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a receipt is kept: HMAC-SHA-256 under a key derived from the master key with HKDF, never
 * stored with the data. A receipt is a random 16-digit secret, not a password a person chose: a slow
 * hash protects guessable secrets against someone with a copy of the database, but without the key
 * that someone cannot test even one guess, and online guessing is throttled ({@link ReceiptGuard}).
 * So a report costs microseconds, not bcrypt's 80 ms. Hashes from before are bcrypt's
 * ({@link #isLegacy}); they keep opening their reports, and the command-service's own table of
 * references replaces one at the reporter's next successful action on their report.
 */
public final class ReceiptHashes {

    private static final String PREFIX = "hmac-sha256:";

    private final SecretKeySpec key;

    public ReceiptHashes(String masterKeyBase64) {
        this.key = Hkdf.forPurpose(masterKeyBase64, "haven receipt hash v1");
    }

    /** The kept form of a receipt as issued or typed (spaces and hyphens do not matter). */
    public String of(String receipt) {
        byte[] mac = DerivedKey.hmac(key, digits(receipt).getBytes(StandardCharsets.US_ASCII));
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    /** Whether the receipt is the one kept as {@code kept} (an HMAC hash), in time independent of where they differ. */
    boolean matches(String receipt, String kept) {
        return MessageDigest.isEqual(
                of(receipt).getBytes(StandardCharsets.US_ASCII), kept.getBytes(StandardCharsets.US_ASCII));
    }

    /** A hash from before receipts were kept this way: bcrypt's. */
    public static boolean isLegacy(String kept) {
        return kept != null && !kept.startsWith(PREFIX);
    }

    static String digits(String receipt) {
        return receipt.replaceAll("[\\s-]", "");
    }
}
