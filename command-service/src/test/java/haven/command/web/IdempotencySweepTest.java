package haven.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import haven.command.ApiTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/** Idempotency records are forgotten after a day on every store, the embedded one (which ignores TTL indexes) too. */
class IdempotencySweepTest extends ApiTest {

    @Autowired
    IdempotencyStore idempotency;

    @Test
    void aRecordOlderThanADayIsSweptAndItsKeyStartsAfresh() throws Exception {
        String key = UUID.randomUUID().toString();
        http.perform(post("/api/reports")
                        .header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(ANONYMOUS_REPORT))
                .andExpect(status().isCreated());
        long records = database.getCollection("idempotency").countDocuments();

        assertThat(idempotency.sweep(Instant.now().plus(Duration.ofHours(23)))).isZero();
        http.perform(post("/api/reports")
                        .header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(ANONYMOUS_REPORT))
                .andExpect(status().isCreated())
                .andExpect(header().string("Idempotent-Replayed", "true"));

        assertThat(idempotency.sweep(Instant.now().plus(Duration.ofHours(25)))).isEqualTo(records);
        assertThat(database.getCollection("idempotency").countDocuments()).isZero();
        http.perform(post("/api/reports")
                        .header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(ANONYMOUS_REPORT))
                .andExpect(status().isCreated())
                .andExpect(header().doesNotExist("Idempotent-Replayed"));
    }
}
