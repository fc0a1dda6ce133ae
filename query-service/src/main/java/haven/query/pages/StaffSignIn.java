package haven.query.pages;

import haven.infra.security.Role;
import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration.ClientSettings;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.user.OAuth2UserAuthority;
import org.springframework.util.function.SingletonSupplier;

/**
 * Staff sign in to the pages with the organisation's identity provider: OpenID Connect,
 * authorization code with PKCE. Their tokens are kept in the server-side session (cookie
 * {@code HAVEN_SESSION}) and used to act for them on the command-service; the browser never holds one.
 * Their roles and team come from the ID token's {@code roles} and {@code team} claims, as in the APIs' tokens,
 * and they are known by the same claim as there ({@code HAVEN_JWT_PRINCIPAL_CLAIM}): one member of staff
 * is one id, whichever way in, so need-to-know rules and exclusions name the same person.
 */
@Configuration(proxyBeanMethods = false)
class StaffSignIn {

    static final String REGISTRATION = "haven";
    static final String ROLES_CLAIM = "roles";

    /** Asks the provider for its endpoints at the first sign-in rather than at start-up, so the pages start without it. */
    @Bean
    ClientRegistrationRepository staffSignInProvider(
            @Value("${haven.staff-sign-in.issuer}") String issuer,
            @Value("${haven.staff-sign-in.client-id}") String clientId,
            @Value("${haven.staff-sign-in.client-secret}") String clientSecret) {
        var registration = SingletonSupplier.of(() -> ClientRegistrations.fromIssuerLocation(issuer)
                .registrationId(REGISTRATION)
                .clientId(clientId)
                .clientSecret(clientSecret)
                .scope(OidcScopes.OPENID)
                .clientSettings(ClientSettings.builder().requireProofKey(true).build())
                .build());
        return id -> REGISTRATION.equals(id) ? registration.obtain() : null;
    }

    /**
     * Names the signed-in member of staff by the APIs' principal claim, not the provider's {@code sub}
     * (with Entra ID they differ); an ID token without that claim does not sign anyone in.
     */
    @Bean
    OAuth2UserService<OidcUserRequest, OidcUser> staffByPrincipalClaim(
            @Value("${spring.security.oauth2.resourceserver.jwt.principal-claim-name:sub}") String principalClaim) {
        var provider = new OidcUserService();
        return request -> {
            OidcUser user = provider.loadUser(request);
            if (!(user.getClaims().get(principalClaim) instanceof String id) || id.isBlank()) {
                throw new OAuth2AuthenticationException(new OAuth2Error(
                        "invalid_id_token",
                        "The ID token does not carry the staff id claim Haven is configured with",
                        null));
            }
            return new DefaultOidcUser(user.getAuthorities(), user.getIdToken(), user.getUserInfo(), principalClaim);
        };
    }

    /** Tokens live and die with the session, so signing out or timing out forgets them. */
    @Bean
    OAuth2AuthorizedClientRepository staffTokens() {
        return new HttpSessionOAuth2AuthorizedClientRepository();
    }

    /** Hands out the signed-in user's access token, refreshing it when it has expired. */
    @Bean
    OAuth2AuthorizedClientManager staffTokenManager(
            ClientRegistrationRepository registrations, OAuth2AuthorizedClientRepository tokens) {
        var manager = new DefaultOAuth2AuthorizedClientManager(registrations, tokens);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode()
                .refreshToken()
                .build());
        return manager;
    }

    /** Haven's roles from the ID token's {@code roles} claim; any other claim grants nothing. */
    @Bean
    GrantedAuthoritiesMapper staffRoles() {
        return authorities -> authorities.stream()
                .filter(OAuth2UserAuthority.class::isInstance)
                .map(authority ->
                        ((OAuth2UserAuthority) authority).getAttributes().get(ROLES_CLAIM))
                .filter(Collection.class::isInstance)
                .flatMap(roles -> ((Collection<?>) roles).stream())
                .map(String::valueOf)
                .filter(StaffSignIn::isRole)
                .map(role -> new SimpleGrantedAuthority(Role.valueOf(role).authority()))
                .collect(Collectors.toSet());
    }

    /** Signing out of Haven also ends the session at the identity provider, so a shared computer is left signed out. */
    @Bean
    OidcClientInitiatedLogoutSuccessHandler signOutEverywhere(ClientRegistrationRepository registrations) {
        var handler = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        handler.setPostLogoutRedirectUri("{baseUrl}/signed-out");
        handler.setDefaultTargetUrl("/signed-out");
        return handler;
    }

    private static boolean isRole(String name) {
        return Arrays.stream(Role.values()).anyMatch(role -> role.name().equals(name));
    }
}
