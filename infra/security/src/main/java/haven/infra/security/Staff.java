package haven.infra.security;

import haven.infra.council.Partnership;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The signed-in member of staff making this request: their sign-in id (the token's subject),
 * their roles, the team they belong to (the token's {@code team} claim, may be absent) and their
 * organisation in the partnership (the {@code org} claim; see {@link #inOrganisationIfNone}).
 * They signed in either with a bearer token (the APIs) or through the web pages (an OpenID
 * Connect session, whose ID token carries the same claims).
 */
public record Staff(String id, Set<Role> roles, String team, String organisation) {

    public static final String TEAM_CLAIM = "team";
    public static final String ORGANISATION_CLAIM = "org";

    public boolean is(Role role) {
        return roles.contains(role);
    }

    /** Whoever signed in for the current request, if anyone did. */
    public static Optional<Staff> current() {
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        String team;
        String organisation;
        if (signedIn instanceof JwtAuthenticationToken token) {
            team = token.getToken().getClaimAsString(TEAM_CLAIM);
            organisation = token.getToken().getClaimAsString(ORGANISATION_CLAIM);
        } else if (signedIn != null && signedIn.getPrincipal() instanceof OAuth2AuthenticatedPrincipal user) {
            team = user.getAttribute(TEAM_CLAIM);
            organisation = user.getAttribute(ORGANISATION_CLAIM);
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
        return Optional.of(new Staff(signedIn.getName(), Set.copyOf(roles), team, organisation));
    }

    /** Whoever signed in for the current request, as this partnership sees them ({@link #inOrganisationIfNone}). */
    public static Optional<Staff> current(Partnership partnership) {
        return current().map(staff -> staff.inOrganisationIfNone(partnership.organisationOfTokensNamingNone()));
    }

    /**
     * As a partnership sees them: a token naming no organisation is taken as the only one's in a
     * partnership of one ({@code Partnership#organisationOfTokensNamingNone}); with several, it
     * stays without one and works on no case.
     */
    public Staff inOrganisationIfNone(Optional<String> only) {
        return organisation != null || only.isEmpty() ? this : new Staff(id, roles, team, only.get());
    }
}
