package haven.command.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import haven.command.ApiTest;
import haven.infra.security.Role;
import haven.infra.security.TestTokens;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Two partners' old logs may use the same source ids: each import makes its own organisation's cases. */
@TestPropertySource(properties = "haven.partnership=demo")
class PartnersHistoryImportTest extends ApiTest {

    static final String COUNCIL = TestTokens.bearerOf("castle-council", "dpo.smith", null, Role.ADMIN);
    static final String POLICE = TestTokens.bearerOf("castle-police", "dpo.hughes", null, Role.ADMIN);

    @Test
    void theSameSourceIdInTwoOrganisationsLogsIsTwoCasesEachItsOwn() throws Exception {
        importAs(COUNCIL);
        importAs(POLICE);

        var council = HistoryFile.caseIdOf("OLD-0001").value();
        var police = HistoryFile.caseIdOf("castle-police", "OLD-0001").value();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(storedEventsOf(database, council)).hasSize(1);
            assertThat(storedEventsOf(database, police)).hasSize(1);
        });
        assertThat(storedEventsOf(database, council).get(0).toJson()).doesNotContain("castle-police");
        assertThat(storedEventsOf(database, police).get(0).toJson()).contains("castle-police");
    }

    @Test
    void anImportsProgressIsItsOwnOrganisationsOnly() throws Exception {
        String progress = importAs(COUNCIL);

        http.perform(get(progress).header("Authorization", COUNCIL)).andExpect(status().isOk());
        http.perform(get(progress).header("Authorization", POLICE)).andExpect(status().isNotFound());
    }

    private String importAs(String officer) throws Exception {
        return http.perform(post("/api/admin/imports")
                        .contentType("text/csv")
                        .content(HistoryImportTest.FILE)
                        .header("Authorization", officer))
                .andExpect(status().isAccepted())
                .andReturn()
                .getResponse()
                .getHeader("Location");
    }
}
