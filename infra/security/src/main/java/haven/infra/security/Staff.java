package haven.infra.security;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The signed-in member of staff making this request: their sign-in id (the token's subject),
 * their roles, and the team they belong to (the token's {@code team} claim, may be absent).
 */
public record Staff(String id, Set<Role> roles, String team) {

    public static final String TEAM_CLAIM = "team";

    public boolean is(Role role) {
        return roles.contains(role);
    }

    /** Whoever signed in for the current request, if anyone did. */
    public static Optional<Staff> current() {
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        if (!(signedIn instanceof JwtAuthenticationToken token)) {
            return Optional.empty();
        }
        var roles = EnumSet.noneOf(Role.class);
        for (Role role : Role.values()) {
            if (token.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(role.authority()))) {
                roles.add(role);
            }
        }
        return Optional.of(new Staff(token.getName(), Set.copyOf(roles), token.getToken().getClaimAsString(TEAM_CLAIM)));
    }
}
