package haven.query.web;

import haven.infra.security.AccessRules;
import haven.infra.security.HavenSecurity;
import haven.infra.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;

/**
 * Who reaches which view. A reporter's status needs only their reference and receipt; which cases
 * a caseworker or case manager sees is decided per case ({@code CaseAccess}); only a case manager
 * breaks the glass; boards see trends only; a reporting centre sees where its own reports stand; the data protection
 * officer (ADMIN) reads the access log.
 */
@Configuration(proxyBeanMethods = false)
@Import(HavenSecurity.class)
class Access {

    @Bean
    AccessRules queryAccessRules() {
        return endpoints -> endpoints
                .requestMatchers(HttpMethod.POST, "/api/reporter/status")
                .permitAll()
                .requestMatchers(HttpMethod.POST, "/api/cases/*/break-glass")
                .hasRole(Role.CASE_MANAGER.name())
                .requestMatchers(
                        HttpMethod.GET,
                        "/api/caseload",
                        "/api/cases",
                        "/api/cases/**",
                        "/api/closed-cases",
                        "/api/actions/mine")
                .hasAnyRole(Role.CASEWORKER.name(), Role.CASE_MANAGER.name())
                .requestMatchers(HttpMethod.GET, "/api/centre/reports")
                .hasRole(Role.REPORTING_CENTRE.name())
                .requestMatchers(HttpMethod.GET, "/api/trends", "/api/trends.csv")
                .hasAnyRole(
                        Role.BOARD.name(), Role.PARTNERSHIP_BOARD.name(), Role.CASE_MANAGER.name(), Role.ADMIN.name())
                .requestMatchers("/api/admin/**")
                .hasRole(Role.ADMIN.name());
    }
}
