package io.citebot;

import static org.assertj.core.api.Assertions.assertThat;

import io.citebot.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server stopped while it reads its articles folder: the ingest ends quietly, not as a failure to retry. */
class StopDuringIngestTest {

    @TempDir
    Path tmp;

    @Test
    void should_end_the_seeds_ingest_without_an_error_or_a_retry_when_citebot_is_closing() throws Exception {
        // given: a new article in the folder of a citebot that is closing (SIGTERM while the seeds are read)
        Path seeds = TestFiles.copyTree(TestFiles.SEEDS, tmp.resolve("seeds"));
        var config = Config.load(Map.of("CITEBOT_DATA_DIR", tmp.resolve("data").toString(),
                "CITEBOT_SEEDS_DIR", seeds.toString(), "CITEBOT_CONFIG", TestFiles.FIXTURES.resolve("empty.properties").toString()));
        Citebot bot = Citebot.open(config, false, TestFiles.embedder());
        bot.syncSeeds();
        Files.writeString(seeds.resolve("tugboat.txt"), "Harbor tugboat retired\n\nThe harbor's oldest tugboat was retired on Friday.\n");
        bot.close();

        // when: the ingest thread reads the folder
        Thread ingest = Thread.ofPlatform().start(() -> bot.syncSeedsUntilDone(Duration.ofSeconds(60)));

        // then: it ends at once, instead of logging a failure and trying again in a minute
        assertThat(ingest.join(Duration.ofSeconds(10))).as("ended").isTrue();
        assertThat(bot.ingester().progress().problems()).noneMatch(p -> p.contains("trying again"));
    }
}
