package haven.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import haven.command.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.ResultActions;

/**
 * What one client may send: bodies up to the size limit, so many reports per period, so many wrong
 * receipts; each client counted by its own address, behind the trusted gateway too.
 */
@TestPropertySource(
        properties = {
            "haven.reports.rate-limit=3/PT1H",
            "haven.trusted-proxies=10.0.0.5, 10.1.0.0/16",
            "haven.receipts.failures-per-client=3",
            "haven.receipts.failures-per-reference=100"
        })
class ClientLimitsTest extends ApiTest {

    static final String GATEWAY = "10.0.0.5";

    @Test
    void reportsAreLimitedPerReporterBehindTheGatewayAndARefusedReportLeavesNothing() throws Exception {
        for (int i = 0; i < 3; i++) {
            report(GATEWAY, "203.0.113.7").andExpect(status().isCreated());
        }
        long events = storedEventCount();

        report(GATEWAY, "203.0.113.7")
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*")))
                .andExpect(jsonPath("$.type").value("urn:haven:problem:too-many-reports"));
        assertThat(storedEventCount()).isEqualTo(events);
        // another reporter behind the same gateway, and behind a second gateway in the trusted range, still gets in
        report(GATEWAY, "203.0.113.8").andExpect(status().isCreated());
        report("10.1.4.4", "203.0.113.7, 10.0.0.5").andExpect(status().isTooManyRequests());
    }

    @Test
    void aForwardedForHeaderFromAnyoneButTheGatewayIsIgnored() throws Exception {
        for (int i = 0; i < 3; i++) {
            report("198.51.100.9", "192.0.2." + i).andExpect(status().isCreated());
        }
        report("198.51.100.9", "192.0.2.99").andExpect(status().isTooManyRequests());
        // nor can a client hide behind a made-up gateway in its own header
        report("198.51.100.9", "192.0.2.100, 10.0.0.5").andExpect(status().isTooManyRequests());
    }

    @Test
    void wrongReceiptsAreCountedPerReporterBehindTheGateway() throws Exception {
        String reference = submitAnonymousReport().get("reference").asText();
        for (int i = 0; i < 3; i++) {
            message(reference, "198.18.0.1").andExpect(status().isNotFound());
        }
        message(reference, "198.18.0.1").andExpect(status().isTooManyRequests());
        message(reference, "198.18.0.2").andExpect(status().isNotFound());
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeSignInOrAnythingElseReadsIt() throws Exception {
        String huge = ApiTest.ANONYMOUS_REPORT.replace("What happened, in the reporter's words", "x".repeat(300_000));
        long events = storedEventCount();

        http.perform(post("/api/reports")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(huge))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.type").value("urn:haven:problem:too-large"));
        http.perform(post("/api/cases/00000000-0000-4000-8000-000000000000/notes")
                        .header("Idempotency-Key", "a-key-long-enough-to-be-read")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(huge))
                .andExpect(status().isPayloadTooLarge());
        assertThat(storedEventCount()).isEqualTo(events);
    }

    private ResultActions report(String peer, String forwardedFor) throws Exception {
        return http.perform(post("/api/reports")
                .contentType(MediaType.APPLICATION_JSON)
                .content(ANONYMOUS_REPORT)
                .header("X-Forwarded-For", forwardedFor)
                .with(request -> {
                    request.setRemoteAddr(peer);
                    return request;
                }));
    }

    private ResultActions message(String reference, String reporter) throws Exception {
        return http.perform(post("/api/reporter/messages")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"reference\": \"" + reference
                        + "\", \"receipt\": \"0000111122223333\", \"text\": \"Hello\"}")
                .header("X-Forwarded-For", reporter)
                .with(request -> {
                    request.setRemoteAddr(GATEWAY);
                    return request;
                }));
    }
}
