package haven.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import haven.command.ApiTest;
import haven.infra.security.Role;
import haven.infra.security.TestTokens;
import java.util.UUID;
import java.util.stream.Stream;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Only a current access token, signed by the configured issuer for Haven, acts for anyone. */
class TokensTest extends ApiTest {

    static final String NOTE = "{\"text\": \"Spoke to the witness\"}";

    @TestFactory
    Stream<DynamicTest> everyOtherTokenIsRefusedAndChangesNothing() {
        String somewhere = "/api/cases/" + UUID.randomUUID() + "/notes";
        return TestTokens.refused("mgr.jones", "equality", Role.CASE_MANAGER, Role.ADMIN).entrySet().stream()
                .map(token -> DynamicTest.dynamicTest(token.getKey(), () -> {
                    long events = storedEventCount();
                    postJson(somewhere, NOTE, token.getValue())
                            .andExpect(status().isUnauthorized())
                            .andExpect(header().string("WWW-Authenticate", Matchers.startsWith("Bearer")));
                    assertThat(storedEventCount()).isEqualTo(events);
                }));
    }

    @Test
    void aGoodTokenForTheSameMemberOfStaffIsAccepted() throws Exception {
        String caseId = caseIdOfNewReport();
        postJson("/api/cases/" + caseId + "/notes", NOTE, MANAGER).andExpect(status().isAccepted());
    }
}
