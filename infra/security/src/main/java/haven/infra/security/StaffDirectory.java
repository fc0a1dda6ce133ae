package haven.infra.security;

import static com.mongodb.client.model.Filters.eq;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import haven.infra.council.Partnership;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.bson.Document;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The members of staff Haven knows: everyone who has signed in to either service with a role, as their
 * latest sign-in described them (organisation, team, roles and the {@code email} claim), in
 * {@code staff_directory} by staff id. Cases are assigned from it, escalations go to the case managers
 * it lists, notifications to the addresses it holds. A service imports it to keep it up to date.
 */
public class StaffDirectory implements WebMvcConfigurer, HandlerInterceptor {

    /** A member of staff as they last signed in; {@code email} is absent when their token had none. */
    public record Member(String id, String organisation, String team, Set<Role> roles, Optional<String> email) {

        public boolean is(Role role) {
            return roles.contains(role);
        }
    }

    static final String COLLECTION = "staff_directory";
    private static final String EMAIL_CLAIM = "email";
    /** Enough of RFC 5321 to refuse anything that could carry a header or a second address. */
    private static final Pattern EMAIL =
            Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,190}\\.[A-Za-z]{2,24}");
    /** A member unchanged since their last request is written again only this often. */
    private static final Duration REFRESH = Duration.ofHours(1);

    private final MongoCollection<Document> members;
    private final Partnership partnership;
    private final Cache<String, Member> written =
            Caffeine.newBuilder().expireAfterWrite(REFRESH).maximumSize(10_000).build();

    public StaffDirectory(MongoDatabase havenDatabase, Partnership partnership) {
        this.members = havenDatabase.getCollection(COLLECTION);
        this.partnership = partnership;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    /** Notes whoever is signed in for this request, once their authentication is known. */
    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Staff.current(partnership)
                .ifPresent(staff ->
                        seen(staff, emailOf(SecurityContextHolder.getContext().getAuthentication())));
        return true;
    }

    /** Records a member of staff as they signed in; someone with no role or no team is nobody's to assign. */
    public void seen(Staff staff, Optional<String> email) {
        if (staff.roles().isEmpty() || staff.team() == null || staff.organisation() == null) {
            return;
        }
        var member = new Member(staff.id(), staff.organisation(), staff.team(), staff.roles(), email);
        if (member.equals(written.getIfPresent(staff.id()))) {
            return;
        }
        var document = new Document("_id", member.id())
                .append("organisation", member.organisation())
                .append("team", member.team())
                .append(
                        "roles",
                        member.roles().stream().map(Enum::name).sorted().toList());
        email.ifPresent(address -> document.append("email", address));
        members.replaceOne(eq("_id", member.id()), document, new ReplaceOptions().upsert(true));
        written.put(member.id(), member);
    }

    public Optional<Member> member(String id) {
        return Optional.ofNullable(members.find(eq("_id", id)).first()).map(StaffDirectory::member);
    }

    /** An organisation's known staff, by id; the directory is as small as the staff who use Haven. */
    public List<Member> ofOrganisation(String organisation) {
        var found = new ArrayList<Member>();
        members.find().forEach(document -> {
            if (organisation.equals(document.getString("organisation"))) {
                found.add(member(document));
            }
        });
        found.sort(Comparator.comparing(Member::id));
        return found;
    }

    /** The known members of a team with a role. */
    public List<Member> ofTeam(String organisation, String team, Role role) {
        return ofOrganisation(organisation).stream()
                .filter(member -> member.team().equals(team) && member.is(role))
                .toList();
    }

    private static Member member(Document document) {
        var roles = EnumSet.noneOf(Role.class);
        for (String role : document.getList("roles", String.class, List.of())) {
            for (Role known : Role.values()) {
                if (known.name().equals(role)) {
                    roles.add(known);
                }
            }
        }
        return new Member(
                document.getString("_id"),
                document.getString("organisation"),
                document.getString("team"),
                Set.copyOf(roles),
                Optional.ofNullable(document.getString("email")));
    }

    private static Optional<String> emailOf(Authentication signedIn) {
        Object claim = signedIn instanceof JwtAuthenticationToken token
                ? token.getToken().getClaims().get(EMAIL_CLAIM)
                : signedIn != null && signedIn.getPrincipal() instanceof OAuth2AuthenticatedPrincipal user
                        ? user.getAttribute(EMAIL_CLAIM)
                        : null;
        return claim instanceof String address && EMAIL.matcher(address).matches()
                ? Optional.of(address)
                : Optional.empty();
    }
}
