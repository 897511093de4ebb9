package io.citebot.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.citebot.Citebot;
import io.citebot.TestFiles;
import io.citebot.config.Config;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two citebot replicas (each with its own index of the seeds) sharing one real PostgreSQL for conversations and
 * feedback: a conversation started on one continues on the other. PostgreSQL comes from Debian's packages (CI
 * installs them); elsewhere the test is skipped without them.
 */
class SharedConversationsTest {

    @TempDir
    Path tmp;

    private Citebot replica(String name, String dbUrl) throws Exception {
        Config config = Config.load(Map.of("CITEBOT_DATA_DIR", tmp.resolve(name).toString(), "CITEBOT_SEEDS_DIR", TestFiles.SEEDS.toString(),
                "CITEBOT_CONFIG", TestFiles.FIXTURES.resolve("empty.properties").toString(), "CITEBOT_DB_URL", dbUrl));
        Citebot bot = Citebot.open(config, false, TestFiles.embedder());
        bot.syncSeeds();
        return bot;
    }

    @Test
    void should_continue_a_conversation_on_another_replica() throws Exception {
        var bin = PostgresServer.installed();
        assumeTrue(bin.isPresent() || System.getenv("CI") != null, "Debian's postgresql is not installed");
        try (PostgresServer pg = new PostgresServer(bin.orElseThrow());
             Citebot a = replica("a", pg.url());
             Citebot b = replica("b", pg.url())) {
            // when: asked on replica a, followed up on replica b
            ChatReply first = a.chat().ask("What did Putin offer?", null, SearchOptions.DEFAULT);
            ChatReply second = b.chat().ask("How did Iran respond to his offer?", first.conversationId(), SearchOptions.DEFAULT);

            // then: b knew the conversation and read the follow-up in its context
            assertThat(second.conversationId()).isEqualTo(first.conversationId());
            assertThat(second.turn()).isEqualTo(2);
            assertThat(second.searchedFor()).isEqualTo("How did Iran respond to his offer? (Putin)");
            assertThat(a.chat().history(first.conversationId())).hasSize(2);

            // feedback given on a is seen on b
            a.chat().feedback(first.conversationId(), 2, "down", "too short", "web", null);
            assertThat(b.chat().feedback(5)).anyMatch(f -> "too short".equals(f.comment()) && f.turn() == 2);
            assertThat(a.conversations().embedded()).isFalse();
        }
    }
}
