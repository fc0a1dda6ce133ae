package haven.infra.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signs tokens the way an identity provider would, with the test key whose public half the
 * services trust in tests ({@code classpath:haven-test-jwt.pub}, issuer {@link #ISSUER}, audience
 * {@link #AUDIENCE}). Test-only: the private key is in this jar.
 */
public final class TestTokens {

    public static final String ISSUER = "https://identity.test.haven";
    public static final String AUDIENCE = "haven";
    private static final PrivateKey KEY = privateKey();

    private TestTokens() {}

    /** A bearer header value for this member of staff. */
    public static String bearer(String staffId, String team, Role... roles) {
        return "Bearer " + token(staffId, team, Instant.now().plusSeconds(600), roles);
    }

    /** A bearer header value for a member of staff of this organisation of the partnership (the {@code org} claim). */
    public static String bearerOf(String organisation, String staffId, String team, Role... roles) {
        return "Bearer "
                + signed(
                        JWSAlgorithm.RS256,
                        null,
                        claims(staffId, team, roles)
                                .claim(Staff.ORGANISATION_CLAIM, organisation)
                                .expirationTime(Date.from(Instant.now().plusSeconds(600))));
    }

    /** A bearer header value whose token carries an {@code email} claim, as the identity provider's do. */
    public static String bearerWithEmail(String staffId, String team, String email, Role... roles) {
        return "Bearer "
                + signed(
                        JWSAlgorithm.RS256,
                        null,
                        claims(staffId, team, roles)
                                .claim("email", email)
                                .expirationTime(Date.from(Instant.now().plusSeconds(600))));
    }

    public static String token(String staffId, String team, Instant expires, Role... roles) {
        return signed(JWSAlgorithm.RS256, null, claims(staffId, team, roles).expirationTime(Date.from(expires)));
    }

    /** A token that names its member of staff in {@code claim} as well as {@code sub}, as Entra ID's do. */
    public static String bearerWithStaffClaim(
            String subject, String claim, String staffId, String team, Role... roles) {
        return "Bearer "
                + signed(
                        JWSAlgorithm.RS256,
                        null,
                        claims(subject, team, roles)
                                .claim(claim, staffId)
                                .expirationTime(Date.from(Instant.now().plusSeconds(600))));
    }

    /**
     * Tokens for this member of staff that no service may accept, by what is wrong with them: each
     * is otherwise as good as {@link #bearer}. Values are whole {@code Authorization} headers.
     */
    public static Map<String, String> refused(String staffId, String team, Role... roles) {
        var tokens = new LinkedHashMap<String, String>();
        try {
            tokens.put("forged", "Bearer " + forged(staffId, roles));
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException(e);
        }
        Instant later = Instant.now().plusSeconds(600);
        tokens.put(
                "expired",
                "Bearer "
                        + signed(
                                JWSAlgorithm.RS256,
                                null,
                                claims(staffId, team, roles)
                                        .expirationTime(Date.from(Instant.now().minusSeconds(600)))));
        tokens.put("without expiry", "Bearer " + signed(JWSAlgorithm.RS256, null, claims(staffId, team, roles)));
        tokens.put(
                "wrong audience",
                "Bearer "
                        + signed(
                                JWSAlgorithm.RS256,
                                null,
                                claims(staffId, team, roles)
                                        .audience("another-service")
                                        .expirationTime(Date.from(later))));
        tokens.put(
                "wrong issuer",
                "Bearer "
                        + signed(
                                JWSAlgorithm.RS256,
                                null,
                                claims(staffId, team, roles)
                                        .issuer("https://identity.elsewhere.example")
                                        .expirationTime(Date.from(later))));
        tokens.put(
                "http issuer",
                "Bearer "
                        + signed(
                                JWSAlgorithm.RS256,
                                null,
                                claims(staffId, team, roles)
                                        .issuer(ISSUER.replace("https:", "http:"))
                                        .expirationTime(Date.from(later))));
        tokens.put(
                "alg none",
                "Bearer "
                        + new PlainJWT(claims(staffId, team, roles)
                                        .expirationTime(Date.from(later))
                                        .build())
                                .serialize());
        tokens.put(
                "an ID token",
                "Bearer "
                        + signed(
                                JWSAlgorithm.RS256,
                                null,
                                claims(staffId, team, roles).claim("typ", "ID").expirationTime(Date.from(later))));
        tokens.put(
                "a logout token",
                "Bearer "
                        + signed(
                                JWSAlgorithm.RS256,
                                new JOSEObjectType("logout+jwt"),
                                claims(staffId, team, roles).expirationTime(Date.from(later))));
        return tokens;
    }

    private static JWTClaimsSet.Builder claims(String staffId, String team, Role... roles) {
        var claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(staffId)
                .claim("roles", Arrays.stream(roles).map(Role::name).toList())
                .issueTime(Date.from(Instant.now().minusSeconds(5)));
        return team == null ? claims : claims.claim(Staff.TEAM_CLAIM, team);
    }

    private static String signed(JWSAlgorithm algorithm, JOSEObjectType type, JWTClaimsSet.Builder claims) {
        try {
            var jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(type).build(), claims.build());
            jwt.sign(new RSASSASigner(KEY));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same claims signed by a key nobody trusts. */
    public static String forged(String staffId, Role... roles) throws GeneralSecurityException, JOSEException {
        var generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var jwt = new SignedJWT(
                new JWSHeader(JWSAlgorithm.RS256),
                new JWTClaimsSet.Builder()
                        .issuer(ISSUER)
                        .audience(AUDIENCE)
                        .subject(staffId)
                        .claim("roles", Arrays.stream(roles).map(Role::name).toList())
                        .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                        .build());
        jwt.sign(new RSASSASigner(generator.generateKeyPair().getPrivate()));
        return jwt.serialize();
    }

    private static PrivateKey privateKey() {
        try (InputStream in = TestTokens.class.getResourceAsStream("/haven-test-jwt.key")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "")
                    .replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
