package haven.query;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oauth2Login;

import haven.infra.security.Role;
import java.util.Arrays;
import java.util.HashMap;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** A member of staff signed in to the pages, with the claims the identity provider's ID token carries. */
public final class PageLogin {

    private PageLogin() {}

    public static RequestPostProcessor as(String id, String team, Role... roles) {
        var claims = new HashMap<String, Object>();
        claims.put("sub", id);
        claims.put("roles", Arrays.stream(roles).map(Role::name).toList());
        if (team != null) {
            claims.put("team", team);
        }
        var authorities = Arrays.stream(roles)
                .map(role -> new SimpleGrantedAuthority(role.authority()))
                .toList();
        return oauth2Login().oauth2User(new DefaultOAuth2User(authorities, claims, "sub"));
    }
}
