package haven.command.cases;

import haven.infra.council.Partnership;
import haven.infra.security.Role;
import haven.infra.security.Staff;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.axonframework.messaging.MetaData;

/**
 * The member of staff a command is done by, as sign-in established it: carried in the command's
 * metadata so that the case itself decides who may work on it.
 */
public record Acting(String id, List<String> roles, String team, String organisation) {

    private static final String ID = "staff";
    private static final String ROLES = "roles";
    private static final String TEAM = "team";
    private static final String ORGANISATION = "organisation";

    /** For someone whose token names no organisation: the only one, in a partnership of one. */
    public static MetaData metaData(String id, Collection<String> roles, String team) {
        return metaData(id, roles, team, null);
    }

    public static MetaData metaData(String id, Collection<String> roles, String team, String organisation) {
        return MetaData.from(Map.of(
                ID,
                id,
                ROLES,
                List.copyOf(roles),
                TEAM,
                Objects.requireNonNullElse(team, ""),
                ORGANISATION,
                Objects.requireNonNullElse(organisation, "")));
    }

    /** Null when the command carries nobody (it came through a reporter's receipt, or from nowhere). */
    @SuppressWarnings("unchecked")
    static Acting of(MetaData metaData) {
        if (!(metaData.get(ID) instanceof String id) || !(metaData.get(ROLES) instanceof List<?> roles)) {
            return null;
        }
        return new Acting(
                id, (List<String>) roles, blankToNull(metaData.get(TEAM)), blankToNull(metaData.get(ORGANISATION)));
    }

    private static String blankToNull(Object value) {
        return value instanceof String text && !text.isEmpty() ? text : null;
    }

    /** As the need-to-know rule takes them; a role this version does not know grants nothing. */
    Staff staff(Partnership partnership) {
        var known = Arrays.stream(Role.values())
                .filter(role -> roles.contains(role.name()))
                .collect(Collectors.toSet());
        return new Staff(id, known, team, organisation)
                .inOrganisationIfNone(partnership.organisationOfTokensNamingNone());
    }

    boolean managesCases() {
        return roles.contains("CASE_MANAGER");
    }

    /** The data protection officer, who erases personal data and holds it for legal reasons, and does nothing else to a case. */
    boolean erasesData() {
        return roles.contains("ADMIN");
    }
}
