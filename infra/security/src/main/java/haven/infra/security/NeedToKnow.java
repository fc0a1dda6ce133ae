package haven.infra.security;

import java.util.ArrayList;
import java.util.List;

/**
 * Need to know, the one rule both services apply: a case manager works on the cases of their team
 * (a case not yet assigned is in its intake team), and a manager without a team on none; a
 * caseworker works on the cases assigned to them. The case decides commands by it and the
 * query-service asks the store for the rows it allows ({@link #grants}), so the two cannot drift
 * apart. Exclusions (staff named in a report, or who declared a conflict) are applied on top by each.
 */
public final class NeedToKnow {

    /** The field of a case whose value grants work on it. */
    public enum Field {
        TEAM,
        ASSIGNEE
    }

    /** A member of staff works on a case whose {@code field} has this {@code value}. */
    public record Grant(Field field, String value) {}

    private NeedToKnow() {}

    /** Every way this member of staff comes to work on a case; none for someone who works on no case. */
    public static List<Grant> grants(Staff staff) {
        var grants = new ArrayList<Grant>();
        if (staff.is(Role.CASE_MANAGER) && staff.team() != null) {
            grants.add(new Grant(Field.TEAM, staff.team()));
        }
        if (staff.is(Role.CASEWORKER)) {
            grants.add(new Grant(Field.ASSIGNEE, staff.id()));
        }
        return grants;
    }

    /** Whether this member of staff works on a case in this team with this assignee (either may be null). */
    public static boolean worksOn(Staff staff, String caseTeam, String caseAssignee) {
        return grants(staff).stream()
                .anyMatch(g -> g.value().equals(g.field() == Field.TEAM ? caseTeam : caseAssignee));
    }
}
