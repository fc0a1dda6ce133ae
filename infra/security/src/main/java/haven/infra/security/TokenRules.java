package haven.infra.security;

import java.util.List;
import java.util.Set;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;

/**
 * What an access token must be, beyond a good signature and the audience (Spring Boot checks
 * those): from the configured issuer, with an expiry, and an access token rather than another kind
 * of JWT the same provider signs (an ID token, a logout token). Spring Boot adds this to the
 * decoder of both services.
 */
final class TokenRules {

    /** Header {@code typ}: plain JWT (Entra ID, Keycloak) or RFC 9068 access token; none is the JWT default. */
    static final Set<String> ACCESS_TOKEN_TYPES = Set.of("JWT", "at+jwt", "application/at+jwt");
    /** Keycloak also says what a token is for in a {@code typ} claim: ID tokens say "ID". */
    static final String BEARER = "Bearer";

    private TokenRules() {}

    static OAuth2TokenValidator<Jwt> of(String issuer) {
        return new DelegatingOAuth2TokenValidator<>(List.of(
                new JwtIssuerValidator(issuer),
                token -> check(token.getExpiresAt() != null, "The token has no expiry"),
                token -> check(isAccessToken(token), "The token is not an access token")));
    }

    private static boolean isAccessToken(Jwt token) {
        Object header = token.getHeaders().get("typ");
        Object claim = token.getClaims().get("typ");
        return (header == null || ACCESS_TOKEN_TYPES.contains(String.valueOf(header)))
                && (claim == null || BEARER.equals(claim));
    }

    private static OAuth2TokenValidatorResult check(boolean holds, String why) {
        return holds
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", why, null));
    }
}
