package haven.infra.privacy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.spec.SecretKeySpec;

/**
 * The master keys personal-data keys are wrapped by: one per organisation of the partnership, each
 * from its own setting (in production, its own vault entry), so that one organisation's key opens
 * nothing of another's and an organisation can leave with its key. The founder's (the first
 * organisation the partnership lists) is {@code HAVEN_MASTER_KEY}; another's is
 * {@code HAVEN_MASTER_KEY_<ID>}, e.g. {@code HAVEN_MASTER_KEY_CASTLE_POLICE}.
 */
public final class MasterKeys {

    private final String founder;
    private final String founderKey;
    private final Map<String, byte[]> keys;

    private MasterKeys(String founder, String founderKey, Map<String, byte[]> keys) {
        this.founder = founder;
        this.founderKey = founderKey;
        this.keys = keys;
    }

    /**
     * The founder's key and the other organisations', read with {@code setting} (a setting's name to
     * its value). Where another's is not set and {@code developmentKeys}, it is derived from the
     * founder's: fit for a developer's machine only (production requires every one, see ProductionGuard).
     */
    public static MasterKeys load(
            String founder,
            String founderKey,
            List<String> others,
            Function<String, Optional<String>> setting,
            boolean developmentKeys) {
        var keys = new LinkedHashMap<String, byte[]>();
        keys.put(founder, MasterKey.bytes(founderKey));
        for (String organisation : others) {
            Optional<String> configured = setting.apply(settingOf(organisation)).filter(key -> !key.isBlank());
            if (configured.isEmpty() && !developmentKeys) {
                throw new IllegalStateException(settingOf(organisation) + " is not set: each organisation's personal"
                        + " data is sealed under its own master key (32 random bytes in base64, from its vault entry)");
            }
            byte[] key = configured.map(MasterKey::bytes).orElseGet(() -> developmentKey(founderKey, organisation));
            keys.values().stream()
                    .filter(other -> Arrays.equals(other, key))
                    .findAny()
                    .ifPresent(same -> {
                        throw new IllegalStateException(settingOf(organisation)
                                + " is another organisation's master key too; each must have its own");
                    });
            keys.put(organisation, key);
        }
        return new MasterKeys(founder, founderKey, Map.copyOf(keys));
    }

    /** One key for every organisation: for tools and tests that serve a single organisation. */
    public static MasterKeys single(String base64) {
        var everyone = new java.util.HashMap<String, byte[]>();
        everyone.put(null, MasterKey.bytes(base64)); // decoded once, not at every unwrap
        return new MasterKeys(null, base64, everyone);
    }

    /** The setting that holds an organisation's key: {@code HAVEN_MASTER_KEY_} and its id in capitals. */
    public static String settingOf(String organisation) {
        return "HAVEN_MASTER_KEY_" + organisation.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** The setting that holds the key wrapping a stored key of {@code organisation} (null: the founder's). */
    public String settingFor(String organisation) {
        return founder == null || organisationOrFounder(organisation).equals(founder)
                ? "HAVEN_MASTER_KEY"
                : settingOf(organisation);
    }

    /** The founder's key (base64): what is partnership-wide is derived from it (staff pseudonyms, backups). */
    public String founderKey() {
        return founderKey;
    }

    /** The organisation a key belongs to: the one named, or the founder's where none is (from before partnerships). */
    String organisationOrFounder(String organisation) {
        return organisation == null ? founder : organisation;
    }

    byte[] of(String organisation) {
        byte[] key = keys.get(founder == null ? null : organisationOrFounder(organisation));
        if (key == null) {
            throw new IllegalStateException(
                    "No master key for organisation " + organisation + ": it is not one of the partnership's");
        }
        return key;
    }

    private static byte[] developmentKey(String founderKey, String organisation) {
        var founder = new SecretKeySpec(MasterKey.bytes(founderKey), "HmacSHA256");
        return DerivedKey.hmac(
                founder, ("haven development organisation key v1 " + organisation).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "MasterKeys" + keys.keySet(); // never the keys
    }
}
