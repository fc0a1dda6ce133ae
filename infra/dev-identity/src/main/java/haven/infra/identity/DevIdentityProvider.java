package haven.infra.identity;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A development OpenID Connect provider so that the local stack needs no external service.
 * Each demo member of staff can sign in with a password (for the web pages) and is also a
 * client that can get a token with the client-credentials grant (for curl):
 * {@code curl -u mgr.jones:demo -d grant_type=client_credentials localhost:9000/oauth2/token}.
 * The web pages sign staff in as the client {@code haven-web} (authorization code with PKCE).
 * Tokens carry what Haven's services read: {@code sub}, {@code roles}, {@code team}, {@code org}, {@code email}
 * ({@code <staff id>@haven.example}, the local stack's mail server); access tokens
 * are for audience {@code haven}. The signing key is made at start-up, so tokens end with the process.
 */
@SpringBootApplication
public class DevIdentityProvider {

    static final String AUDIENCE = "haven";
    static final String WEB_CLIENT = "haven-web";

    public static void main(String[] args) {
        SpringApplication.run(DevIdentityProvider.class, args);
    }

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
        var server = OAuth2AuthorizationServerConfigurer.authorizationServer();
        return http.securityMatcher(server.getEndpointsMatcher())
                .with(server, s -> s.oidc(Customizer.withDefaults()))
                .authorizeHttpRequests(endpoints -> endpoints.anyRequest().authenticated())
                .formLogin(Customizer.withDefaults())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain signIn(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(endpoints -> endpoints
                        .requestMatchers("/actuator/health/**")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .formLogin(Customizer.withDefaults())
                .build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService demoStaff(PasswordEncoder passwords) {
        return new InMemoryUserDetailsManager(DemoStaff.ALL.stream()
                .map(staff -> User.withUsername(staff.id())
                        .password(passwords.encode(DemoStaff.PASSWORD))
                        .roles(staff.roles().toArray(String[]::new))
                        .build())
                .toList());
    }

    /**
     * @param webUrls where the query-service's pages are reached (comma separated): sign-in returns
     *                there, and so does sign-out
     * @param webSecret the secret the pages sign in with ({@code HAVEN_WEB_CLIENT_SECRET} on both sides)
     */
    @Bean
    RegisteredClientRepository clients(
            PasswordEncoder passwords,
            @Value("${haven.identity.web-urls}") List<String> webUrls,
            @Value("${haven.identity.web-secret}") String webSecret) {
        var tokens = TokenSettings.builder()
                .accessTokenTimeToLive(Duration.ofHours(8))
                .build();
        var clients = new ArrayList<RegisteredClient>();
        DemoStaff.ALL.stream()
                .map(staff -> RegisteredClient.withId(UUID.randomUUID().toString())
                        .clientId(staff.id())
                        .clientSecret(passwords.encode(DemoStaff.PASSWORD))
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                        .tokenSettings(tokens)
                        .build())
                .forEach(clients::add);
        clients.add(RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(WEB_CLIENT)
                .clientSecret(passwords.encode(webSecret))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUris(uris -> webUrls.forEach(url -> uris.add(url + "/login/oauth2/code/haven")))
                .postLogoutRedirectUris(uris -> webUrls.forEach(url -> uris.add(url + "/signed-out")))
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder()
                        .requireProofKey(true)
                        .requireAuthorizationConsent(false)
                        .build())
                // short access tokens, refreshed by the pages while the session lasts
                .tokenSettings(TokenSettings.builder()
                        .accessTokenTimeToLive(Duration.ofMinutes(15))
                        .refreshTokenTimeToLive(Duration.ofHours(8))
                        .reuseRefreshTokens(false)
                        .build())
                .build());
        return new InMemoryRegisteredClientRepository(clients);
    }

    /**
     * Whoever the token is for (the signed-in user, or the demo client), it says who they are in
     * Haven. An ID token stays addressed to the client that asked for it; access tokens are for Haven.
     */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> havenClaims() {
        return context -> DemoStaff.find(context.getPrincipal().getName()).ifPresent(staff -> {
            context.getClaims().subject(staff.id()).claim("roles", staff.roles());
            if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                context.getClaims().audience(List.of(AUDIENCE));
            }
            if (staff.team() != null) {
                context.getClaims().claim("team", staff.team());
            }
            context.getClaims().claim("org", staff.organisation());
            context.getClaims().claim("email", staff.id() + "@haven.example");
        });
    }

    @Bean
    JWKSource<SecurityContext> signingKey() throws NoSuchAlgorithmException {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        var key = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                .privateKey((RSAPrivateKey) pair.getPrivate())
                .keyID(UUID.randomUUID().toString())
                .build();
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    @Bean
    AuthorizationServerSettings settings(@Value("${haven.identity.issuer}") String issuer) {
        return AuthorizationServerSettings.builder().issuer(issuer).build();
    }
}
