package haven.query.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;

/** The pages know a member of staff by the same claim as the APIs, whatever the provider's {@code sub} is. */
class StaffSignInTest {

    static final ClientRegistration PROVIDER = ClientRegistration.withRegistrationId(StaffSignIn.REGISTRATION)
            .clientId("haven-web")
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
            .scope("openid")
            .authorizationUri("https://identity.test.haven/authorize")
            .tokenUri("https://identity.test.haven/token")
            .userNameAttributeName(IdTokenClaimNames.SUB)
            .build();

    @Test
    void aMemberOfStaffIsKnownByTheConfiguredClaimNotTheProvidersSubject() {
        var user = new StaffSignIn()
                .staffByPrincipalClaim("staff_id")
                .loadUser(signIn(Map.of(
                        "sub",
                        "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ",
                        "staff_id",
                        "mgr.jones",
                        "roles",
                        List.of("CASE_MANAGER"))));

        assertThat(user.getName()).isEqualTo("mgr.jones");
    }

    @Test
    void anIdTokenWithoutTheClaimSignsNobodyIn() {
        assertThatThrownBy(() -> new StaffSignIn()
                        .staffByPrincipalClaim("staff_id")
                        .loadUser(signIn(Map.of("sub", "mgr.jones", "roles", List.of("CASE_MANAGER")))))
                .isInstanceOf(OAuth2AuthenticationException.class);
    }

    private static OidcUserRequest signIn(Map<String, Object> claims) {
        Instant now = Instant.now();
        var access = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access", now, now.plusSeconds(600));
        return new OidcUserRequest(PROVIDER, access, new OidcIdToken("id", now, now.plusSeconds(600), claims));
    }
}
