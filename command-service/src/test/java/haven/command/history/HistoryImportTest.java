package haven.command.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import haven.command.ApiTest;
import haven.infra.security.Role;
import haven.infra.security.TestTokens;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.ResultActions;

/** The data protection officer checks a council's old incident log, imports it, and imports it again. */
class HistoryImportTest extends ApiTest {

    static final String DPO = TestTokens.bearer("dpo.smith", null, Role.ADMIN);
    static final String FILE = HistoryFileTest.HEADER + "\r\n"
            + "OLD-0001,2020-05,HATE_INCIDENT,VERBAL_ABUSE,CASTLE,STREET_OR_PUBLIC_SPACE,VICTIM,RACE,RACE,RACE,UPHELD,2020-06-12\r\n"
            + "OLD-0002,2020-05,DIGNITY_AT_WORK,BULLYING,ADULTS,WORKPLACE,WITNESS,,,,NOT_UPHELD,2020-08-01\r\n"
            + "OLD-0003,2020-06,HATE_INCIDENT,ONLINE_ABUSE,NOT_SURE,,,SEXUAL_ORIENTATION,,,WITHDRAWN,2020-06-30\r\n";

    @Test
    void aCheckedFileBecomesClosedCasesOnceAndImportingItAgainAddsNothing() throws Exception {
        long before = storedEventCount();
        send(FILE, true)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rows").value(3))
                .andExpect(jsonPath("$.valid").value(true));
        assertThat(storedEventCount()).as("a check writes nothing").isEqualTo(before);

        var started =
                send(FILE, false).andExpect(status().isAccepted()).andReturn().getResponse();
        String progress = started.getHeader("Location");
        assertThat(progress).matches("/api/admin/imports/[0-9a-f]{32}");
        awaitDone(progress, 3, 0);
        assertThat(eventsOf(HistoryFile.caseIdOf("OLD-0001").value())).containsExactly("HistoricalCaseImported");
        assertThat(storedEventCount()).isEqualTo(before + 3);

        send(FILE, false).andExpect(status().isAccepted()).andExpect(header().string("Location", progress));
        awaitDone(progress, 0, 3);
        assertThat(storedEventCount()).as("the same file again adds nothing").isEqualTo(before + 3);

        // an imported case is closed and in no team's caseload: nobody works on it
        postJson(
                        "/api/cases/" + HistoryFile.caseIdOf("OLD-0001").value() + "/triage",
                        "{\"category\": \"THREATS\", \"risk\": \"LOW\", \"route\": \"INFORMAL_RESOLUTION\"}",
                        MANAGER)
                .andExpect(status().isNotFound());
    }

    @Test
    void aFileWithAnyProblemIsRefusedWithEveryProblemAndWritesNothing() throws Exception {
        long before = storedEventCount();
        String bad = FILE.replace("OLD-0002,2020-05", "OLD-0002,2020-15").replace("NOT_SURE", "Mrs Canary's street");
        send(bad, false)
                .andExpect(status().isUnprocessableEntity())
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(jsonPath("$.type").value("urn:haven:problem:invalid-history-file"))
                .andExpect(jsonPath("$.problems[0].row").value(3))
                .andExpect(jsonPath("$.problems[0].field").value("reported_month"))
                .andExpect(jsonPath("$.problems[1].row").value(4))
                .andExpect(jsonPath("$.problems[1].field").value("area"))
                .andExpect(result ->
                        assertThat(result.getResponse().getContentAsString()).doesNotContain("Canary", "2020-15"));
        assertThat(storedEventCount()).isEqualTo(before);
        http.perform(get("/api/admin/imports/0123456789abcdef0123456789abcdef").header("Authorization", DPO))
                .andExpect(status().isNotFound());
    }

    private ResultActions send(String file, boolean dryRun) throws Exception {
        return http.perform(post("/api/admin/imports")
                .param("dryRun", String.valueOf(dryRun))
                .contentType("text/csv")
                .content(file)
                .header("Authorization", DPO));
    }

    private void awaitDone(String progress, int imported, int alreadyThere) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode state = json.readTree(http.perform(get(progress).header("Authorization", DPO))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString());
            assertThat(state.get("state").asText()).isEqualTo("DONE");
            assertThat(state.get("imported").asInt()).isEqualTo(imported);
            assertThat(state.get("alreadyThere").asInt()).isEqualTo(alreadyThere);
        });
    }
}
