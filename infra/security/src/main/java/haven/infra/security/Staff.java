package haven.infra.security;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The signed-in member of staff making this request: their sign-in id (the token's subject),
 * their roles, and the team they belong to (the token's {@code team} claim, may be absent).
 * They signed in either with a bearer token (the APIs) or through the web pages (an OpenID
 * Connect session, whose ID token carries the same claims).
 */
public record Staff(String id, Set<Role> roles, String team) {

    public static final String TEAM_CLAIM = "team";

    public boolean is(Role role) {
        return roles.contains(role);
    }

    /** Whoever signed in for the current request, if anyone did. */
    public static Optional<Staff> current() {
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        String team;
        if (signedIn instanceof JwtAuthenticationToken token) {
            team = token.getToken().getClaimAsString(TEAM_CLAIM);
        } else if (signedIn != null && signedIn.getPrincipal() instanceof OAuth2AuthenticatedPrincipal user) {
            team = user.getAttribute(TEAM_CLAIM);
        } else {
            return Optional.empty();
        }
        var roles = EnumSet.noneOf(Role.class);
        for (Role role : Role.values()) {
            if (signedIn.getAuthorities().stream()
                    .anyMatch(a -> a.getAuthority().equals(role.authority()))) {
                roles.add(role);
            }
        }
        return Optional.of(new Staff(signedIn.getName(), Set.copyOf(roles), team));
    }
}
