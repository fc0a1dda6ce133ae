package haven.infra.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint a service maps, asked by every kind of caller: nobody signed in, and a member of
 * staff with each role. The endpoints come from the service's own handler mappings, so a new
 * endpoint fails the matrix until its expected callers are written down. Every answer, allowed or
 * refused, must carry the headers that keep case data out of caches, frames and referrers.
 */
public final class AccessMatrix {

    /** A caller: nobody, or staff with one role. */
    public enum Caller {
        NOBODY(null),
        REPORTER(Role.REPORTER),
        CASEWORKER(Role.CASEWORKER),
        CASE_MANAGER(Role.CASE_MANAGER),
        BOARD(Role.BOARD),
        PARTNERSHIP_BOARD(Role.PARTNERSHIP_BOARD),
        ADMIN(Role.ADMIN),
        REPORTING_CENTRE(Role.REPORTING_CENTRE);

        private final Role role;

        Caller(Role role) {
            this.role = role;
        }

        String bearer() {
            // a centre's people sign in with their centre as their team: the bundled partnership's
            String team = role == Role.REPORTING_CENTRE ? "central-library" : "equality";
            return role == null ? null : TestTokens.bearer("staff." + name().toLowerCase(), team, role);
        }
    }

    /** How an endpoint that takes every HTTP method is written. */
    public static final String ANY = "ANY";

    public static final Set<Caller> ANYONE = EnumSet.allOf(Caller.class);
    public static final Set<Caller> NO_ONE = EnumSet.noneOf(Caller.class);

    private AccessMatrix() {}

    /**
     * @param allowed for each endpoint ({@code "POST /api/cases/{caseId}/notes"}), who gets past the
     *                role check; everyone else must get 401 (nobody signed in) or 403
     */
    public static Stream<DynamicTest> check(
            MockMvc http, RequestMappingHandlerMapping mappings, Map<String, Set<Caller>> allowed) {
        Set<String> endpoints = new TreeSet<>(endpoints(mappings));
        endpoints.removeIf(endpoint -> !isApi(endpoint.split(" ", 2)[1]));
        assertThat(endpoints)
                .as("every mapped endpoint has its expected callers written down")
                .containsExactlyInAnyOrderElementsOf(allowed.keySet());
        return endpoints.stream()
                .flatMap(endpoint -> Arrays.stream(Caller.values())
                        .map(caller -> DynamicTest.dynamicTest(endpoint + " as " + caller, () -> {
                            int status = call(http, endpoint, caller);
                            if (allowed.get(endpoint).contains(caller)) {
                                assertThat(status)
                                        .as("%s as %s", endpoint, caller)
                                        .isNotIn(401, 403);
                            } else {
                                assertThat(status)
                                        .as("%s as %s", endpoint, caller)
                                        .isEqualTo(caller == Caller.NOBODY ? 401 : 403);
                            }
                        })));
    }

    /** Every endpoint a service maps, as {@code "METHOD /path"} ({@link #ANY} for one that takes every method). */
    public static Set<String> endpoints(RequestMappingHandlerMapping mappings) {
        Set<String> endpoints = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> {
            var methods = info.getMethodsCondition().getMethods().stream()
                    .map(Enum::name)
                    .toList();
            for (String method : methods.isEmpty() ? List.of(ANY) : methods) {
                info.getPatternValues().forEach(path -> endpoints.add(method + " " + path));
            }
        });
        return endpoints;
    }

    /** The web pages have their own security chain and their own test; this matrix is the API's. */
    public static boolean isApi(String path) {
        return path.startsWith("/api/");
    }

    private static int call(MockMvc http, String endpoint, Caller caller) throws Exception {
        String[] parts = endpoint.split(" ", 2);
        String path = parts[1].replace("{caseId}", UUID.randomUUID().toString()).replaceAll("\\{[^}]+}", "caseload");
        var request = request(HttpMethod.valueOf(parts[0].equals(ANY) ? "GET" : parts[0]), path)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{}");
        if (caller.bearer() != null) {
            request.header("Authorization", caller.bearer());
        }
        var response = http.perform(request).andReturn().getResponse();
        assertThat(response.getHeader("Cache-Control"))
                .as("Cache-Control of " + endpoint)
                .contains("no-store");
        assertThat(response.getHeader("Content-Security-Policy")).isEqualTo(HavenSecurity.API_CONTENT_SECURITY_POLICY);
        assertThat(response.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        return response.getStatus();
    }
}
