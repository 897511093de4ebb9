package io.citebot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A few cycles of {@link CrashHarness}: a real server killed with SIGKILL under writes loses nothing it acknowledged. */
class CrashDurabilityTest {

    @TempDir
    Path tmp;

    @Test
    void should_keep_every_acknowledged_turn_and_vote_through_kill_minus_9() throws Exception {
        CrashHarness.Report r = new CrashHarness(tmp.resolve("data"), System.getProperty("java.class.path"), 42).run(3);
        assertThat(r.turnsAcknowledged()).as("the clients got answers before each kill").isGreaterThan(10);
        assertThat(r.feedbackAcknowledged()).isPositive();
        assertThat(r.watchesAcknowledged()).isPositive();
        assertThat(r.lost()).isEmpty();
    }
}
