package haven.infra.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Need to know, the one rule both services apply. Nobody works on another organisation's case,
 * whatever their role. Within their organisation, a case manager works on the cases of their team
 * (a case not yet assigned is in its intake team), and a manager without a team on none; a
 * caseworker works on the cases assigned to them; a case manager appointed to hear an appeal, on that
 * case. The case decides commands by it and the
 * query-service asks the store for the rows it allows ({@link #grants}), so the two cannot drift
 * apart. Exclusions (staff named in a report, or who declared a conflict) are applied on top by each.
 */
public final class NeedToKnow {

    /** The field of a case whose value grants work on it. */
    public enum Field {
        TEAM,
        ASSIGNEE,
        /** the case manager appointed to hear the case's appeal, whatever their team */
        APPEAL_HEARER
    }

    /** A member of staff works on a case of their organisation whose {@code field} has this {@code value}. */
    public record Grant(Field field, String value) {}

    private NeedToKnow() {}

    /** Every way this member of staff comes to work on a case of their organisation; none without one. */
    public static List<Grant> grants(Staff staff) {
        var grants = new ArrayList<Grant>();
        if (staff.organisation() == null) {
            return grants;
        }
        if (staff.is(Role.CASE_MANAGER) && staff.team() != null) {
            grants.add(new Grant(Field.TEAM, staff.team()));
        }
        if (staff.is(Role.CASE_MANAGER)) {
            grants.add(new Grant(Field.APPEAL_HEARER, staff.id()));
        }
        if (staff.is(Role.CASEWORKER)) {
            grants.add(new Grant(Field.ASSIGNEE, staff.id()));
        }
        return grants;
    }

    /** Whether this member of staff works on a case of this organisation, team, assignee and appeal hearer (any may be null). */
    public static boolean worksOn(
            Staff staff, String caseOrganisation, String caseTeam, String caseAssignee, String caseAppealHearer) {
        return Objects.equals(staff.organisation(), caseOrganisation)
                && grants(staff).stream()
                        .anyMatch(g -> g.value()
                                .equals(
                                        switch (g.field()) {
                                            case TEAM -> caseTeam;
                                            case ASSIGNEE -> caseAssignee;
                                            case APPEAL_HEARER -> caseAppealHearer;
                                        }));
    }

    /** Whether a case of this organisation is any business of theirs at all: break-glass never crosses one. */
    public static boolean sameOrganisation(Staff staff, String caseOrganisation) {
        return staff.organisation() != null && staff.organisation().equals(caseOrganisation);
    }
}
