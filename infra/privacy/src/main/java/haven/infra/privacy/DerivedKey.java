package haven.infra.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A key for one purpose, derived from the master key (HMAC-SHA256 of the purpose's name), so that
 * what it protects is worthless to someone holding a copy of the database without the master key.
 */
public final class DerivedKey {

    private static final String ALGORITHM = "HmacSHA256";

    private DerivedKey() {}

    /** An HMAC-SHA256 key for {@code purpose} (a fixed, versioned name such as "haven staff pseudonym v1"). */
    public static SecretKeySpec forPurpose(String masterKeyBase64, String purpose) {
        return new SecretKeySpec(
                hmac(
                        new SecretKeySpec(MasterKey.bytes(masterKeyBase64), ALGORITHM),
                        purpose.getBytes(StandardCharsets.UTF_8)),
                ALGORITHM);
    }

    public static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
