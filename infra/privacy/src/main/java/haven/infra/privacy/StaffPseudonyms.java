package haven.infra.privacy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stands in for a member of staff named in a case, so that the store says "someone is excluded
 * from this case" without saying who to anyone who lacks the master key. A keyed hash (HMAC-SHA256
 * under a key derived from the master key): the same person always gets the same pseudonym, so
 * the case and the views can exclude them, but staff ids cannot be tried against it offline.
 */
public class StaffPseudonyms {

    private final SecretKeySpec key;

    public StaffPseudonyms(String masterKeyBase64) {
        this.key = DerivedKey.forPurpose(masterKeyBase64, "haven staff pseudonym v1");
    }

    /** The pseudonym of a staff id; ids differing only in case or surrounding spaces are one person. */
    public String of(String staffId) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(DerivedKey.hmac(
                        key, staffId.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
    }
}
