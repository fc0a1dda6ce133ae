package haven.infra.privacy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.spec.SecretKeySpec;

/**
 * The master key every personal-data key is wrapped by, read from configuration. Its fingerprint
 * (a keyed hash of a fixed text, so it says nothing about the key) tells an operator which key a
 * store or a backup needs, without anyone printing the key itself.
 */
public final class MasterKey {

    private MasterKey() {}

    /** The 32 bytes of a base64 master key, or a refusal saying how to make one. */
    public static byte[] bytes(String base64) {
        byte[] key;
        try {
            key = base64 == null || base64.isBlank()
                    ? new byte[0]
                    : Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException notBase64) {
            key = new byte[0];
        }
        if (key.length != 32) {
            throw new IllegalStateException(
                    "haven.privacy.master-key (HAVEN_MASTER_KEY) must be 32 random bytes in base64,"
                            + " e.g. from: openssl rand -base64 32");
        }
        return key;
    }

    /** Twelve hex digits that name the key, the same wherever it is used. */
    public static String fingerprint(String base64) {
        var key = new SecretKeySpec(bytes(base64), "HmacSHA256");
        byte[] mac = DerivedKey.hmac(key, "haven master key fingerprint v1".getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(Arrays.copyOf(mac, 6));
    }
}
