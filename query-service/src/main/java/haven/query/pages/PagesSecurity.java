package haven.query.pages;

import haven.infra.security.Role;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The web pages: HTML and forms from this one origin. Anonymous pages keep no session: a
 * reporter's answers travel in the form they are filling in and are stored nowhere until they
 * send the report. Staff pages need sign-in ({@link StaffSignIn}) and a role, as the APIs do.
 * Forms carry a CSRF token: bound to the session once staff sign in, a double-submit cookie before
 * (so anonymous pages need no session; {@link SessionBoundCsrfTokens}).
 * Scripts and styles come only from this origin; the pages work without JavaScript.
 */
@Configuration(proxyBeanMethods = false)
class PagesSecurity {

    /** Forms go only to Haven, and to the identity provider: signing out is a form whose answer sends the browser there. */
    static String pageContentSecurityPolicy(String identityProvider) {
        URI issuer = URI.create(identityProvider);
        String origin = issuer.getScheme() + "://" + issuer.getAuthority();
        return "default-src 'self'; img-src 'self' data:; object-src 'none'; form-action 'self' " + origin
                + "; frame-ancestors 'none'; base-uri 'none'";
    }
    /** As on the API: who works on cases, and who reads the trends. The page header offers what these allow. */
    static final Set<Role> WORK_ON_CASES = EnumSet.of(Role.CASEWORKER, Role.CASE_MANAGER);

    static final Set<Role> READ_TRENDS = EnumSet.of(Role.BOARD, Role.PARTNERSHIP_BOARD, Role.CASE_MANAGER, Role.ADMIN);
    static final String FORBIDDEN = "/forbidden";
    /** Who records a report for someone: the case team, and reporting centres. */
    static final Set<Role> RECORD_REPORTS = EnumSet.of(Role.CASEWORKER, Role.CASE_MANAGER, Role.REPORTING_CENTRE);

    static final List<String> STAFF_PAGES =
            List.of("/staff", "/cases", "/actions", "/trends", "/admin", "/intake", "/centre");
    static final String GOVUK_FRONTEND = "/webjars/govuk-frontend/5.14.0/dist/govuk/";

    @Bean
    @Order(1)
    SecurityFilterChain pages(
            HttpSecurity http,
            GrantedAuthoritiesMapper staffRoles,
            OAuth2UserService<OidcUserRequest, OidcUser> staffByPrincipalClaim,
            OidcClientInitiatedLogoutSuccessHandler signOutEverywhere,
            @Value("${haven.staff-sign-in.issuer}") String identityProvider,
            @Value("${haven.cookies.secure:true}") boolean secureCookies)
            throws Exception {
        var csrfTokens = new CsrfTokenRequestAttributeHandler();
        csrfTokens.setCsrfRequestAttributeName(null); // make the token for every page, not only when asked
        return http.securityMatcher(request -> !request.getRequestURI().startsWith("/api/")
                        && !request.getRequestURI().startsWith("/actuator"))
                .authorizeHttpRequests(pages -> pages.requestMatchers(
                                "/",
                                "/report",
                                "/report/**",
                                "/follow-up",
                                "/follow-up/**",
                                "/accessibility",
                                "/assets/**",
                                "/webjars/**",
                                "/error",
                                "/favicon.ico",
                                "/sign-in",
                                "/signed-out",
                                FORBIDDEN)
                        .permitAll()
                        .requestMatchers("/staff")
                        .authenticated()
                        .requestMatchers("/cases", "/cases/**", "/actions", "/actions/**")
                        .hasAnyRole(names(WORK_ON_CASES))
                        .requestMatchers("/intake", "/intake/**")
                        .hasAnyRole(names(RECORD_REPORTS))
                        .requestMatchers("/centre")
                        .hasRole(Role.REPORTING_CENTRE.name())
                        .requestMatchers("/trends", "/trends/**")
                        .hasAnyRole(names(READ_TRENDS))
                        .requestMatchers("/admin", "/admin/**")
                        .hasRole(Role.ADMIN.name())
                        .anyRequest()
                        .denyAll())
                .oauth2Login(signIn -> signIn.loginPage("/sign-in")
                        .userInfoEndpoint(user ->
                                user.oidcUserService(staffByPrincipalClaim).userAuthoritiesMapper(staffRoles))
                        .defaultSuccessUrl("/staff"))
                .exceptionHandling(refusals ->
                        refusals.authenticationEntryPoint(signInOrNotFound()).accessDeniedHandler(forbiddenPage()))
                .logout(signOut -> signOut.logoutUrl("/sign-out").logoutSuccessHandler(signOutEverywhere))
                // a session only once a member of staff starts signing in; reporters never get one
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                .csrf(csrf -> csrf.csrfTokenRepository(new SessionBoundCsrfTokens(secureCookies))
                        .csrfTokenRequestHandler(csrfTokens))
                .headers(headers -> headers.contentSecurityPolicy(
                                csp -> csp.policyDirectives(pageContentSecurityPolicy(identityProvider)))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                .build();
    }

    /** Staff pages ask an anonymous visitor to sign in; any other address they may not open does not exist for them. */
    private static AuthenticationEntryPoint signInOrNotFound() {
        var signIn = new LoginUrlAuthenticationEntryPoint("/sign-in");
        return (request, response, e) -> {
            String path = request.getRequestURI();
            if (STAFF_PAGES.stream().anyMatch(page -> path.equals(page) || path.startsWith(page + "/"))) {
                signIn.commence(request, response, e);
            } else {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
            }
        };
    }

    private static String[] names(Set<Role> roles) {
        return roles.stream().map(Role::name).toArray(String[]::new);
    }

    /** A signed-in member of staff whose role does not reach a page is told so, on a page that still lets them sign out. */
    private static AccessDeniedHandler forbiddenPage() {
        var handler = new AccessDeniedHandlerImpl();
        handler.setErrorPage(FORBIDDEN);
        return handler;
    }

    /** Haven's own assets, then GOV.UK Frontend's, whose stylesheet asks for them under /assets. */
    @Bean
    WebMvcConfigurer govukAssets() {
        return new WebMvcConfigurer() {
            @Override
            public void addResourceHandlers(ResourceHandlerRegistry registry) {
                registry.addResourceHandler("/assets/**")
                        .addResourceLocations(
                                "classpath:/static/assets/",
                                "classpath:/META-INF/resources" + GOVUK_FRONTEND + "assets/");
            }
        };
    }
}
