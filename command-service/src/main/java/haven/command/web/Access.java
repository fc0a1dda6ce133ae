package haven.command.web;

import haven.infra.security.AccessRules;
import haven.infra.security.HavenSecurity;
import haven.infra.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;

/**
 * Who reaches which command endpoint. Reporting and a reporter's follow-up need no sign-in; which
 * case a member of staff may work on is the case's own rule ({@code Case}).
 */
@Configuration(proxyBeanMethods = false)
@Import(HavenSecurity.class)
class Access {

    @Bean
    AccessRules commandAccessRules() {
        return endpoints -> endpoints
                .requestMatchers(
                        HttpMethod.POST,
                        "/api/reports",
                        "/api/reporter/messages",
                        "/api/reporter/attachments",
                        "/api/reporter/appeal",
                        "/api/reporter/check-in",
                        "/api/reporter/consent",
                        "/api/reporter/monitoring")
                .permitAll()
                .requestMatchers(HttpMethod.GET, "/api/staff/me")
                .authenticated()
                .requestMatchers(HttpMethod.POST, "/api/intake/reports")
                .hasAnyRole(Role.CASEWORKER.name(), Role.CASE_MANAGER.name(), Role.REPORTING_CENTRE.name())
                .requestMatchers(HttpMethod.POST, "/api/cases/*/assignment")
                .hasRole(Role.CASE_MANAGER.name())
                .requestMatchers(HttpMethod.POST, "/api/cases/**")
                .hasAnyRole(Role.CASEWORKER.name(), Role.CASE_MANAGER.name())
                .requestMatchers("/api/admin/**")
                .hasRole(Role.ADMIN.name());
    }
}
