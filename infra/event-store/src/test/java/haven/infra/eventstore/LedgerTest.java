package haven.infra.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import haven.infra.eventstore.ledger.LedgerScenario;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerTest {

    @Test
    void writersInSeveralProcessesWithASkewedClockASleeperAndAKilledOneLoseNothing(@TempDir Path work)
            throws Exception {
        var report = LedgerScenario.run("haven", work, Duration.ofSeconds(6));
        System.out.println(report);

        // enough deposits to race on; a busy 2-core machine managed 150 in the six seconds where an idle one makes 400+
        assertThat(report.acknowledged()).as("writers made progress").isGreaterThan(50);
        assertThat(report.acknowledgedButLost())
                .as("acknowledged deposits missing from the store")
                .isZero();
        assertThat(report.storedTwice()).as("deposits stored twice").isZero();
        assertThat(report.accountsWithHoles())
                .as("accounts whose sequence has a hole")
                .isZero();
        assertThat(report.readerMissed())
                .as("stored events the reader never saw")
                .isZero();
        assertThat(report.readerSawTwice()).as("events the reader saw twice").isZero();
        assertThat(report.readerOutOfOrder())
                .as("events the reader saw out of account order")
                .isZero();
        assertThat(report.readerTotalsEqualRebuild())
                .as("reader totals equal a rebuild from scratch")
                .isTrue();
    }
}
