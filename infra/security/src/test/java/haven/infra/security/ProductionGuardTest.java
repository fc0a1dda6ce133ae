package haven.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ProductionGuardTest {

    static MockEnvironment safe() {
        return new MockEnvironment()
                .withProperty("haven.tokens.issuer", "https://login.essex.example/realms/haven")
                .withProperty("haven.staff-sign-in.client-secret", "kc-generated-9f8e7d6c")
                .withProperty("haven.trends.pseudonym-key", "q0Vh7Yb3mR1x9Lw2Tz8cKp4Nf6Gd5Sa0Je")
                .withProperty("haven.privacy.master-key", "Jq7v3kXH9mZbR2tL8cW1yN5pF0sD4gA6eU+oI/QrKxM=");
    }

    @Test
    void safeSettingsStart() {
        assertThat(ProductionGuard.unsafeSetting(safe())).isEmpty();
        assertThat(ProductionGuard.unsafeSetting(safe().withProperty("haven.staff-sign-in.client-secret", "x")
                        .withProperty("haven.tokens.issuer", "https://login.microsoftonline.com/tenant/v2.0")))
                .isEmpty();
    }

    @Test
    void eachUnsafeSettingIsNamedInOneLine() {
        assertThat(line(safe().withProperty("haven.tokens.issuer", "http://login.essex.example")))
                .contains("HAVEN_ISSUER_URI", "https");
        assertThat(line(safe().withProperty("haven.tokens.issuer", "https://localhost:9000")))
                .contains("development identity provider");
        assertThat(line(safe().withProperty("haven.staff-sign-in.client-secret", ProductionGuard.DEFAULT_WEB_SECRET)))
                .contains("HAVEN_WEB_CLIENT_SECRET");
        assertThat(line(safe().withProperty("haven.trends.pseudonym-key", ProductionGuard.DEFAULT_TRENDS_KEY)))
                .contains("HAVEN_TRENDS_KEY");
        assertThat(line(safe().withProperty("haven.privacy.master-key", ""))).contains("HAVEN_MASTER_KEY");
        assertThat(line(safe().withProperty(
                                "haven.privacy.master-key", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")))
                .contains("HAVEN_MASTER_KEY");
        assertThat(line(safe().withProperty(
                                "haven.privacy.master-key", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")))
                .contains("HAVEN_MASTER_KEY");
        assertThat(line(safe().withProperty("haven.privacy.master-key", "not base64!")))
                .contains("HAVEN_MASTER_KEY");
        assertThat(line(safe().withProperty("haven.clock.offset-file", "/tmp/offset")))
                .contains("HAVEN_CLOCK_OFFSET_FILE");
    }

    @Test
    void eachPartnersMasterKeyIsItsOwnStrongVaultEntry() {
        var partnership = safe().withProperty("haven.partnership", "demo");
        assertThat(line(partnership)).startsWith("HAVEN_MASTER_KEY_CASTLE_POLICE is missing");
        partnership
                .withProperty("HAVEN_MASTER_KEY_CASTLE_POLICE", "7VTf4t8QelihrJFLTh2ZO2MwIsSpz6my2TJtr/9HcCQ=")
                .withProperty("HAVEN_MASTER_KEY_CASTLE_HOMES", "Jq7v3kXH9mZbR2tL8cW1yN5pF0sD4gA6eU+oI/QrKxM=");
        assertThat(line(partnership)).startsWith("HAVEN_MASTER_KEY_CASTLE_HOMES is another organisation's");
        partnership.withProperty("HAVEN_MASTER_KEY_CASTLE_HOMES", "/RS1YK75Q06EXW2YGrGODRDDONKnRVFq7DrMA+Xas6U=");
        assertThat(ProductionGuard.unsafeSetting(partnership)).isEmpty();
    }

    private static String line(MockEnvironment settings) {
        Optional<String> unsafe = ProductionGuard.unsafeSetting(settings);
        assertThat(unsafe).isPresent();
        assertThat(unsafe.get()).doesNotContain("\n");
        return unsafe.get();
    }
}
