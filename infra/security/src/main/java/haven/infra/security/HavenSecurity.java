package haven.infra.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import haven.infra.council.Partnership;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.util.unit.DataSize;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Both services are OAuth2 resource servers: a request is either anonymous or carries a JWT from
 * the configured identity provider (Spring Boot's {@code spring.security.oauth2.resourceserver.jwt.*}
 * properties choose it). Roles come from the token's {@code roles} claim. Every response says
 * {@code Cache-Control: no-store} (Spring Security's default), forbids framing, sniffing and referrers,
 * and carries a CSP that allows nothing (these are JSON APIs). Refusals are RFC 9457 problems.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@Import(ProblemInstances.class)
public class HavenSecurity {

    static final String API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

    @Bean
    SecurityFilterChain api(HttpSecurity http, AccessRules rules, ObjectMapper json) throws Exception {
        var bearer = new BearerTokenAuthenticationEntryPoint();
        AuthenticationEntryPoint signInRequired = (request, response, e) -> {
            bearer.commence(request, response, e); // WWW-Authenticate, with the token error if there was one
            write(
                    json,
                    response,
                    HttpStatus.UNAUTHORIZED,
                    "sign-in-required",
                    "Sign-in required",
                    "Sign in to do this.");
        };
        AccessDeniedHandler notAllowed = (request, response, e) -> write(
                json, response, HttpStatus.FORBIDDEN, "not-allowed", "Not allowed", "Your role does not allow this.");
        return http.authorizeHttpRequests(endpoints -> {
                    endpoints
                            .requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus")
                            .permitAll();
                    rules.declare(endpoints);
                    endpoints.anyRequest().denyAll();
                })
                .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(signInRequired)
                        .accessDeniedHandler(notAllowed))
                .exceptionHandling(refusals ->
                        refusals.authenticationEntryPoint(signInRequired).accessDeniedHandler(notAllowed))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // bearer tokens, no cookies: nothing for a forged cross-site request to ride on
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.contentSecurityPolicy(
                                csp -> csp.policyDirectives(API_CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                .build();
    }

    /** Shared by every endpoint where a reporter opens their case with a reference and receipt. */
    @Bean
    ReceiptGuard receiptGuard(
            @Value("${haven.receipts.failures-per-reference:5}") int perReference,
            @Value("${haven.receipts.failures-per-client:30}") int perClient,
            @Value("${haven.receipts.cooldown:PT15M}") Duration cooldown,
            @Value("${haven.receipts.legacy-cost:10}") int legacyCost,
            ReceiptHashes hashes) {
        return new ReceiptGuard(perReference, perClient, cooldown, hashes, legacyCost);
    }

    /** How receipts are kept: under a key from the master key, so both services check them alike. */
    @Bean
    ReceiptHashes receiptHashes(@Value("${haven.privacy.master-key:}") String masterKey) {
        return new ReceiptHashes(masterKey);
    }

    /**
     * The partnership's organisations (HAVEN_PARTNERSHIP), checked at start-up: where new reports go
     * and whose staff see what. A mistake stops the service with its file and entry named.
     */
    @Bean
    Partnership partnership(@Value("${haven.partnership:}") String setting) {
        return Partnership.load(setting);
    }

    /** Spring Boot adds this to the token decoder, beside its signature and audience checks. */
    @Bean
    OAuth2TokenValidator<Jwt> tokenRules(@Value("${haven.tokens.issuer}") String issuer) {
        return TokenRules.of(issuer);
    }

    /** Runs before every other filter, sign-in included, so an oversized body is never buffered. */
    @Bean
    FilterRegistrationBean<BodyLimit> bodyLimit(
            @Value("${haven.limits.max-body:256KB}") DataSize max,
            @Value("${haven.limits.max-upload:10MB}") DataSize maxUpload,
            ObjectMapper json) {
        var registration = new FilterRegistrationBean<>(new BodyLimit(max, maxUpload, json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Next after the body limit: every later filter and handler sees the real client's address. */
    @Bean
    FilterRegistrationBean<ClientAddress> clientAddress(@Value("${haven.trusted-proxies:}") String trustedProxies) {
        var registration = new FilterRegistrationBean<>(new ClientAddress(trustedProxies));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** Lets a controller method take the signed-in {@link Staff} as a parameter. */
    @Bean
    WebMvcConfigurer staffParameters(Partnership partnership) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new StaffResolver(partnership));
            }
        };
    }

    private static void write(
            ObjectMapper json,
            HttpServletResponse response,
            HttpStatus status,
            String type,
            String title,
            String detail)
            throws IOException {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:haven:problem:" + type));
        problem.setTitle(title);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
