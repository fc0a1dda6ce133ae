package haven.infra.eventstore.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stands in for a member of staff named in a case, so that the store says "someone is excluded
 * from this case" without saying who to anyone who lacks the master key. A keyed hash (HMAC-SHA256
 * under a key derived from the master key): the same person always gets the same pseudonym, so
 * the case and the views can exclude them, but staff ids cannot be tried against it offline.
 */
public class StaffPseudonyms {

    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    public StaffPseudonyms(String masterKeyBase64) {
        byte[] derived = hmac(new SecretKeySpec(PersonalDataKeys.masterKey(masterKeyBase64), ALGORITHM),
                "haven staff pseudonym v1");
        this.key = new SecretKeySpec(derived, ALGORITHM);
    }

    /** The pseudonym of a staff id; ids differing only in case or surrounding spaces are one person. */
    public String of(String staffId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, staffId.trim().toLowerCase(Locale.ROOT)));
    }

    private static byte[] hmac(SecretKeySpec key, String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
