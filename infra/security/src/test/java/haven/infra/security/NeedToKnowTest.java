package haven.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NeedToKnowTest {

    @ParameterizedTest(name = "{0} of {2}/{3}, case of {4}/{5} assigned to {6}: works on it {7}")
    @CsvSource(
            nullValues = "-",
            value = {
                "CASE_MANAGER,            cm.jones, council, hr, council, hr, -,        true",
                "CASE_MANAGER,            cm.jones, council, hr, council, hr, cw.patel, true",
                "CASE_MANAGER,            cm.jones, council, hr, council, eq, -,        false",
                "CASE_MANAGER,            cm.jones, council, -,  council, -,  -,        false",
                "CASE_MANAGER,            cm.jones, council, -,  council, hr, cm.jones, false",
                "CASE_MANAGER,            cm.jones, police,  hr, council, hr, -,        false",
                "CASE_MANAGER,            cm.jones, -,       hr, council, hr, -,        false",
                "CASEWORKER,              cw.patel, council, hr, council, hr, cw.patel, true",
                "CASEWORKER,              cw.patel, council, hr, council, hr, cw.smith, false",
                "CASEWORKER,              cw.patel, council, hr, council, hr, -,        false",
                "CASEWORKER,              cw.patel, police,  hr, council, hr, cw.patel, false",
                "CASEWORKER CASE_MANAGER, cw.patel, council, hr, council, eq, cw.patel, true",
                "BOARD,                   b.chair,  council, hr, council, hr, b.chair,  false",
                "ADMIN,                   dpo,      council, hr, council, hr, dpo,      false",
                "REPORTER,                r.khan,   council, hr, council, hr, r.khan,   false"
            })
    void aCaseIsWorkedOnByItsTeamsManagerAndItsCaseworkerInItsOrganisationOnly(
            String roles,
            String id,
            String organisation,
            String team,
            String caseOrganisation,
            String caseTeam,
            String caseAssignee,
            boolean worksOn) {
        var staff = new Staff(id, roles(roles), team, organisation);

        assertThat(NeedToKnow.worksOn(staff, caseOrganisation, caseTeam, caseAssignee, null))
                .isEqualTo(worksOn);
    }

    @Test
    void theCaseManagerAppointedToHearAnAppealWorksOnThatCaseWhateverTheirTeam() {
        var hearer = new Staff("cm.ahmed", Set.of(Role.CASE_MANAGER), "finance", "council");
        var caseworkerOfThatId = new Staff("cm.ahmed", Set.of(Role.CASEWORKER), "finance", "council");
        var otherOrganisation = new Staff("cm.ahmed", Set.of(Role.CASE_MANAGER), "finance", "police");

        assertThat(NeedToKnow.worksOn(hearer, "council", "hr", "cw.patel", "cm.ahmed"))
                .isTrue();
        assertThat(NeedToKnow.worksOn(hearer, "council", "hr", "cw.patel", "cm.jones"))
                .isFalse();
        assertThat(NeedToKnow.worksOn(caseworkerOfThatId, "council", "hr", "cw.patel", "cm.ahmed"))
                .isFalse();
        assertThat(NeedToKnow.worksOn(otherOrganisation, "council", "hr", "cw.patel", "cm.ahmed"))
                .isFalse();
    }

    private static Set<Role> roles(String names) {
        return Set.of(Arrays.stream(names.split(" ")).map(Role::valueOf).toArray(Role[]::new));
    }
}
