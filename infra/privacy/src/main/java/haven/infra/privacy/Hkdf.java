package haven.infra.privacy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF with HMAC-SHA-256 (RFC 5869): a key for one purpose from the master key, extracted once and
 * expanded with the purpose's name, so that keys for different purposes say nothing of each other
 * or of the master key. The JDK has no HKDF before 24; this is the RFC's two steps, tested against
 * its own vectors.
 */
public final class Hkdf {

    private static final String HMAC_SHA256 = "HmacSHA256";
    private static final int HASH_LENGTH = 32;

    private Hkdf() {}

    /** A 32-byte key for {@code purpose} (a fixed, versioned name such as "haven receipt hash v1"). */
    public static SecretKeySpec forPurpose(String masterKeyBase64, String purpose) {
        return new SecretKeySpec(
                derive(MasterKey.bytes(masterKeyBase64), new byte[0], purpose.getBytes(StandardCharsets.UTF_8), 32),
                HMAC_SHA256);
    }

    /** RFC 5869 §2: extract a pseudorandom key from {@code ikm} with {@code salt}, expand it with {@code info}. */
    static byte[] derive(byte[] ikm, byte[] salt, byte[] info, int length) {
        if (length > 255 * HASH_LENGTH) {
            throw new IllegalArgumentException("HKDF-SHA256 gives at most 8160 bytes");
        }
        byte[] pseudorandomKey =
                DerivedKey.hmac(new SecretKeySpec(salt.length == 0 ? new byte[HASH_LENGTH] : salt, HMAC_SHA256), ikm);
        var key = new SecretKeySpec(pseudorandomKey, HMAC_SHA256);
        var output = new ByteArrayOutputStream(length);
        byte[] block = new byte[0];
        for (int counter = 1; output.size() < length; counter++) {
            var input = new ByteArrayOutputStream();
            input.writeBytes(block);
            input.writeBytes(info);
            input.write(counter);
            block = DerivedKey.hmac(key, input.toByteArray());
            output.writeBytes(block);
        }
        return java.util.Arrays.copyOf(output.toByteArray(), length);
    }
}
