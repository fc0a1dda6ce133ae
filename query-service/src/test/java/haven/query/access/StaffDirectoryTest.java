package haven.query.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import haven.infra.security.Role;
import haven.infra.security.StaffDirectory;
import haven.infra.security.TestTokens;
import haven.query.QueryServiceTest;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Whoever signs in with a role and a team becomes known: cases are assigned to them, mail finds them. */
@QueryServiceTest(database = "caseload-tests")
class StaffDirectoryTest {

    @Autowired
    MockMvc http;

    @Autowired
    StaffDirectory directory;

    @Test
    void staffSigningInWithARoleAndATeamAreKnownWithTheirOrganisationTeamRolesAndAddress() throws Exception {
        http.perform(get("/api/caseload")
                        .header(
                                "Authorization",
                                TestTokens.bearerWithEmail(
                                        "cw.kaur", "equality", "cw.kaur@haven.example", Role.CASEWORKER)))
                .andExpect(status().isOk());

        var kaur = directory.member("cw.kaur").orElseThrow();
        assertThat(kaur.team()).isEqualTo("equality");
        assertThat(kaur.roles()).containsExactly(Role.CASEWORKER);
        assertThat(kaur.email()).contains("cw.kaur@haven.example");
        assertThat(directory.ofTeam(kaur.organisation(), "equality", Role.CASEWORKER))
                .extracting(StaffDirectory.Member::id)
                .contains("cw.kaur");
        assertThat(directory.ofTeam(kaur.organisation(), "equality", Role.CASE_MANAGER))
                .extracting(StaffDirectory.Member::id)
                .doesNotContain("cw.kaur");
    }

    @Test
    void anAddressThatCouldCarryAnotherHeaderIsNotKept() throws Exception {
        http.perform(get("/api/caseload")
                        .header(
                                "Authorization",
                                TestTokens.bearerWithEmail(
                                        "cw.trick",
                                        "equality",
                                        "cw.trick@haven.example\r\nBcc: everyone@elsewhere.example",
                                        Role.CASEWORKER)))
                .andExpect(status().isOk());

        assertThat(directory.member("cw.trick").orElseThrow().email()).isEqualTo(Optional.empty());
    }

    @Test
    void someoneWithoutATeamIsNobodysToAssign() throws Exception {
        http.perform(get("/api/caseload")
                        .header("Authorization", TestTokens.bearer("cw.drifter", null, Role.CASEWORKER)))
                .andExpect(status().isOk());

        assertThat(directory.member("cw.drifter")).isEmpty();
    }
}
