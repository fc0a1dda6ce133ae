package haven.infra.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Receipts are kept as a keyed hash: it opens its own report only, tells nothing without the master
 * key, and a receipt kept by bcrypt before still opens its report.
 */
class ReceiptGuardTest {

    static final String MASTER_KEY = "2wWHnACcdJAmCKcTyJ2dkojGYou09GXIPdb1NwTd/co=";
    static final String ANOTHER_KEY = "q1kN6yH3+0pT8mX0c4pZr7eV2sL9dF5gA1bC3dE5fG0=";
    static final String RECEIPT = "4821093755123370";

    final ReceiptHashes hashes = new ReceiptHashes(MASTER_KEY);
    final ReceiptGuard guard = new ReceiptGuard(5, 30, Duration.ofMinutes(15), hashes, 4);

    @Test
    void aReceiptOpensItsOwnReportOnlyWhateverSpacesItIsTypedWith() {
        String kept = hashes.of(RECEIPT);
        assertThat(kept).startsWith("hmac-sha256:").doesNotContain(RECEIPT);
        assertThat(ReceiptHashes.isLegacy(kept)).isFalse();
        assertThat(guard.opens("HV-AAAA-AA", "4821 0937 5512 3370", "client-1", kept))
                .isTrue();
        assertThat(guard.opens("HV-AAAA-AA", "4821093755123371", "client-1", kept))
                .isFalse();
        assertThat(guard.opens("HV-BBBB-BB", RECEIPT, "client-1", null))
                .as("no such reference")
                .isFalse();
    }

    @Test
    void withoutTheMasterKeyAKeptReceiptCannotBeTested() {
        String kept = hashes.of(RECEIPT);
        var elsewhere = new ReceiptGuard(5, 30, Duration.ofMinutes(15), new ReceiptHashes(ANOTHER_KEY), 4);
        assertThat(elsewhere.opens("HV-AAAA-AA", RECEIPT, "client-1", kept)).isFalse();
        assertThat(new ReceiptHashes(ANOTHER_KEY).of(RECEIPT)).isNotEqualTo(kept);
        assertThat(new ReceiptHashes(MASTER_KEY).of(RECEIPT))
                .as("the other service agrees")
                .isEqualTo(kept);
    }

    @Test
    void aReceiptKeptByBcryptBeforeStillOpensItsReport() {
        String legacy = new BCryptPasswordEncoder(4).encode(RECEIPT);
        assertThat(ReceiptHashes.isLegacy(legacy)).isTrue();
        assertThat(guard.opens("HV-CCCC-CC", RECEIPT, "client-2", legacy)).isTrue();
        assertThat(guard.opens("HV-CCCC-CC", "0000000000000000", "client-2", legacy))
                .isFalse();
    }

    @Test
    void guessingIsThrottledPerReference() {
        String kept = hashes.of(RECEIPT);
        for (int i = 0; i < 5; i++) {
            assertThat(guard.opens("HV-DDDD-DD", "111111111111111" + i, "client-" + i, kept))
                    .isFalse();
        }
        assertThatThrownBy(() -> guard.opens("HV-DDDD-DD", RECEIPT, "client-9", kept))
                .isInstanceOf(TooManyAttempts.class);
    }
}
