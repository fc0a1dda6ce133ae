package haven.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's own identity provider: a key made for the run, whose public half the
 * query-service it starts is told to trust, and tokens signed with it.
 */
final class BenchTokens {

    private final KeyPair keys;

    BenchTokens() throws NoSuchAlgorithmException {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
    }

    /** The services' default issuer (HAVEN_ISSUER_URI), which they require of every token. */
    static final String ISSUER = "http://localhost:9000";

    /** Environment for a service that trusts these tokens and no issuer. */
    Map<String, String> serviceEnvironment() throws IOException {
        Path pem = Files.createTempFile("bench-jwt", ".pub");
        Files.writeString(
                pem,
                "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder()
                                .encodeToString(keys.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        return Map.of(
                "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI",
                "",
                "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION",
                pem.toUri().toString());
    }

    String bearer(String staffId, String team, String role) {
        var claims = new JWTClaimsSet.Builder()
                .subject(staffId)
                .audience("haven")
                .issuer(ISSUER)
                .claim("roles", List.of(role))
                .claim("team", team)
                .expirationTime(Date.from(Instant.now().plusSeconds(24 * 3600)))
                .build();
        try {
            var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
            jwt.sign(new RSASSASigner(keys.getPrivate()));
            return "Bearer " + jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
