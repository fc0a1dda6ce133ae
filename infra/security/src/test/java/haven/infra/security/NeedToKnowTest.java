package haven.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NeedToKnowTest {

    @ParameterizedTest(name = "{0} in team {2}, case in team {3} assigned to {4}: works on it {5}")
    @CsvSource(
            nullValues = "-",
            value = {
                "CASE_MANAGER,            cm.jones, hr,  hr,  -,        true",
                "CASE_MANAGER,            cm.jones, hr,  hr,  cw.patel, true",
                "CASE_MANAGER,            cm.jones, hr,  eq,  -,        false",
                "CASE_MANAGER,            cm.jones, -,   -,   -,        false",
                "CASE_MANAGER,            cm.jones, -,   hr,  cm.jones, false",
                "CASEWORKER,              cw.patel, hr,  hr,  cw.patel, true",
                "CASEWORKER,              cw.patel, hr,  hr,  cw.smith, false",
                "CASEWORKER,              cw.patel, hr,  hr,  -,        false",
                "CASEWORKER CASE_MANAGER, cw.patel, hr,  eq,  cw.patel, true",
                "BOARD,                   b.chair,  hr,  hr,  b.chair,  false",
                "ADMIN,                   dpo,      hr,  hr,  dpo,      false",
                "REPORTER,                r.khan,   hr,  hr,  r.khan,   false"
            })
    void aCaseIsWorkedOnByItsTeamsManagerAndItsCaseworker(
            String roles, String id, String team, String caseTeam, String caseAssignee, boolean worksOn) {
        var staff = new Staff(id, roles(roles), team);

        assertThat(NeedToKnow.worksOn(staff, caseTeam, caseAssignee)).isEqualTo(worksOn);
    }

    private static Set<Role> roles(String names) {
        return Set.of(
                java.util.Arrays.stream(names.split(" ")).map(Role::valueOf).toArray(Role[]::new));
    }
}
