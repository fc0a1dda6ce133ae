package haven.infra.security;

import haven.infra.council.Partnership;
import haven.infra.privacy.MasterKeys;
import java.net.URI;
import java.util.Base64;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * With the {@code production} profile, a service refuses to start with a setting only fit for a
 * developer's machine: it prints one line naming the setting and exits, before anything else runs.
 * Only settings the service has are checked (the web client secret and trends key are the
 * query-service's).
 */
public class ProductionGuard implements EnvironmentPostProcessor {

    static final String DEFAULT_WEB_SECRET = "haven-web-local-secret";
    static final String DEFAULT_TRENDS_KEY = "haven-local-development-key";
    /** The keys this repository's tests and examples use: public, so never a production key. */
    static final Set<String> PUBLISHED_MASTER_KEYS =
            Set.of("2wWHnACcdJAmCKcTyJ2dkojGYou09GXIPdb1NwTd/co=", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.acceptsProfiles(Profiles.of("production"))) {
            unsafeSetting(environment).ifPresent(line -> {
                System.err.println("Haven will not start in production: " + line);
                System.exit(78); // EX_CONFIG
            });
        }
    }

    /** The first setting that is unsafe in production, as one line naming it; empty when all are safe. */
    static Optional<String> unsafeSetting(Environment settings) {
        String issuer = settings.getProperty("haven.tokens.issuer", "");
        URI issuerUri = issuer.isBlank() ? null : URI.create(issuer.trim());
        if (issuerUri == null || !"https".equals(issuerUri.getScheme())) {
            return Optional.of("HAVEN_ISSUER_URI must be the organisation's identity provider over https");
        }
        if (Set.of("localhost", "127.0.0.1", "identity").contains(issuerUri.getHost())) {
            return Optional.of("HAVEN_ISSUER_URI names the development identity provider; use the organisation's");
        }
        if (DEFAULT_WEB_SECRET.equals(settings.getProperty("haven.staff-sign-in.client-secret"))) {
            return Optional.of(
                    "HAVEN_WEB_CLIENT_SECRET is the shipped default; set the client secret from the identity provider");
        }
        String trendsKey = settings.getProperty("haven.trends.pseudonym-key");
        if (trendsKey != null && (DEFAULT_TRENDS_KEY.equals(trendsKey) || trendsKey.length() < 32)) {
            return Optional.of("HAVEN_TRENDS_KEY is the shipped default or shorter than 32 characters; "
                    + "set a random secret (openssl rand -base64 32)");
        }
        if (!settings.getProperty("haven.clock.offset-file", "").isBlank()) {
            return Optional.of("HAVEN_CLOCK_OFFSET_FILE moves Haven's clock for tests and demonstrations;"
                    + " a live service keeps real time");
        }
        String founderKey = settings.getProperty("haven.privacy.master-key", "");
        if (!strong(founderKey)) {
            return Optional.of("HAVEN_MASTER_KEY is missing, published or weak; it must be 32 random bytes in base64 "
                    + "(openssl rand -base64 32) from a vault");
        }
        return unsafeOrganisationKey(settings, founderKey.trim());
    }

    /** Every other organisation's key: set (never derived), strong, and its own. */
    private static Optional<String> unsafeOrganisationKey(Environment settings, String founderKey) {
        Partnership partnership;
        try {
            partnership = Partnership.load(settings.getProperty("haven.partnership", ""));
        } catch (RuntimeException invalid) {
            return Optional.of("HAVEN_PARTNERSHIP: " + invalid.getMessage());
        }
        var seen = new HashSet<>(Set.of(founderKey));
        for (var organisation : partnership.partners()) {
            String setting = MasterKeys.settingOf(organisation.id());
            String key = settings.getProperty(setting, "").trim();
            if (!strong(key)) {
                return Optional.of(setting + " is missing, published or weak; each organisation's personal data is"
                        + " sealed under its own master key: 32 random bytes in base64 from its own vault entry");
            }
            if (!seen.add(key)) {
                return Optional.of(setting + " is another organisation's master key too; each must have its own");
            }
        }
        return Optional.empty();
    }

    /** 32 bytes, not a key from this repository, and not visibly patterned (random bytes repeat little). */
    private static boolean strong(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        long distinct = new String(key, java.nio.charset.StandardCharsets.ISO_8859_1)
                .chars()
                .distinct()
                .count();
        boolean ascending = true;
        for (int i = 1; i < key.length; i++) {
            ascending &= key[i] == (byte) (key[i - 1] + 1);
        }
        return key.length == 32 && !PUBLISHED_MASTER_KEYS.contains(base64.trim()) && distinct >= 20 && !ascending;
    }
}
