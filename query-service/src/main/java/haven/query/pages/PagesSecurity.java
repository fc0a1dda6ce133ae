package haven.query.pages;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The web pages: HTML and forms from this one origin. Anonymous pages keep no session: a
 * reporter's answers travel in the form they are filling in and are stored nowhere until they
 * send the report. Forms carry a CSRF token (double-submit cookie, since there is no session).
 * Scripts and styles come only from this origin; the pages work without JavaScript.
 */
@Configuration(proxyBeanMethods = false)
class PagesSecurity {

    static final String PAGE_CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none';"
            + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    static final String GOVUK_FRONTEND = "/webjars/govuk-frontend/5.14.0/dist/govuk/";

    @Bean
    @Order(1)
    SecurityFilterChain pages(HttpSecurity http) throws Exception {
        var csrfTokens = new CsrfTokenRequestAttributeHandler();
        csrfTokens.setCsrfRequestAttributeName(null); // make the token for every page, not only when asked
        return http
                .securityMatcher(request -> !request.getRequestURI().startsWith("/api/")
                        && !request.getRequestURI().startsWith("/actuator"))
                .authorizeHttpRequests(pages -> pages
                        .requestMatchers("/", "/report", "/report/**", "/follow-up", "/follow-up/**", "/assets/**",
                                "/webjars/**", "/error", "/favicon.ico").permitAll()
                        // staff pages will name their roles here; anything else is refused
                        .anyRequest().denyAll())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.csrfTokenRepository(new CookieCsrfTokenRepository())
                        .csrfTokenRequestHandler(csrfTokens))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(PAGE_CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                .build();
    }

    /** Haven's own assets, then GOV.UK Frontend's, whose stylesheet asks for them under /assets. */
    @Bean
    WebMvcConfigurer govukAssets() {
        return new WebMvcConfigurer() {
            @Override
            public void addResourceHandlers(ResourceHandlerRegistry registry) {
                registry.addResourceHandler("/assets/**").addResourceLocations("classpath:/static/assets/",
                        "classpath:/META-INF/resources" + GOVUK_FRONTEND + "assets/");
            }
        };
    }
}
