package haven.command.cases;

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
public record Acting(String id, List<String> roles, String team) {

    private static final String ID = "staff";
    private static final String ROLES = "roles";
    private static final String TEAM = "team";

    public static MetaData metaData(String id, Collection<String> roles, String team) {
        return MetaData.from(Map.of(ID, id, ROLES, List.copyOf(roles), TEAM, Objects.requireNonNullElse(team, "")));
    }

    /** Null when the command carries nobody (it came through a reporter's receipt, or from nowhere). */
    @SuppressWarnings("unchecked")
    static Acting of(MetaData metaData) {
        if (!(metaData.get(ID) instanceof String id) || !(metaData.get(ROLES) instanceof List<?> roles)) {
            return null;
        }
        String team = (String) metaData.get(TEAM);
        return new Acting(id, (List<String>) roles, team == null || team.isEmpty() ? null : team);
    }

    /** As the need-to-know rule takes them; a role this version does not know grants nothing. */
    Staff staff() {
        var known = Arrays.stream(Role.values())
                .filter(role -> roles.contains(role.name()))
                .collect(Collectors.toSet());
        return new Staff(id, known, team);
    }

    boolean managesCases() {
        return roles.contains("CASE_MANAGER");
    }

    /** The data protection officer, who erases personal data and holds it for legal reasons, and does nothing else to a case. */
    boolean erasesData() {
        return roles.contains("ADMIN");
    }
}
