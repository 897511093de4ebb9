package io.citebot;

import static org.assertj.core.api.Assertions.assertThat;

import io.citebot.chat.SearchOptions;
import io.citebot.config.Config;
import io.citebot.http.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** citebot backup while a server holds the data (it is asked over loopback), and citebot restore into an empty folder. */
class BackupsTest {

    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
    }

    private static Run run(Map<String, String> env, String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = App.run(args, env, new PrintWriter(o, true), new PrintWriter(e, true));
        return new Run(code, o.toString(), e.toString());
    }

    private Map<String, String> env(String data, int port) {
        return new HashMap<>(Map.of("CITEBOT_DATA_DIR", tmp.resolve(data).toString(), "CITEBOT_SEEDS_DIR", TestFiles.SEEDS.toString(),
                "CITEBOT_CONFIG", TestFiles.FIXTURES.resolve("empty.properties").toString(), "CITEBOT_PORT", String.valueOf(port)));
    }

    @Test
    void should_back_up_a_running_server_and_restore_into_an_empty_folder() throws Exception {
        String conversation;
        Path backup = tmp.resolve("backup");
        // given: a server with the seeds, a conversation and a vote
        try (Citebot bot = TestFiles.seedsBot(tmp.resolve("data"))) {
            var reply = bot.chat().ask("What did Putin offer?", null, SearchOptions.DEFAULT);
            conversation = reply.conversationId();
            bot.chat().feedback(conversation, 1, "up", "useful", "web", null);
            String token = ServerFile.newToken();
            HttpServer web = Servers.of(bot.chat()).loopbackOnly(true).build().withBackups(Backups.forServer(bot), tmp.resolve("data/backups"), token);
            web.javalin().start("127.0.0.1", 0);
            try {
                // a server that does not say it holds this data folder is not asked, whatever answers on the port
                Run unclaimed = run(env("data", web.javalin().port()), "backup", backup.toString());
                assertThat(unclaimed.code()).isNotZero();
                assertThat(unclaimed.err()).contains("no citebot server says it serves that data folder");
                // nor one whose token is not the one in the data folder
                ServerFile.write(tmp.resolve("data"), "http://127.0.0.1:" + web.javalin().port(), "not-the-servers-token");
                Run impostor = run(env("data", 1), "backup", backup.toString());
                assertThat(impostor.code()).isNotZero();
                assertThat(impostor.err()).contains("could not make the backup");
                ServerFile.write(tmp.resolve("data"), "http://127.0.0.1:" + web.javalin().port(), token);
                // when: backed up while the server holds the index (the CLI asks it)
                // the configured port (1) is not where the server listens: server.json says where
                Run b = run(env("data", 1), "backup", backup.toString());
                assertThat(b.code()).as(b.err()).isZero();
                assertThat(b.out()).contains("Backed up 2 articles (13 passages");
                // a second backup into the same folder is refused
                Run again = run(env("data", 1), "backup", backup.toString());
                assertThat(again.code()).isNotZero();
                assertThat(again.err()).contains("not empty");
            } finally {
                web.javalin().stop();
            }
        }
        assertThat(backup.resolve("backup.json")).exists();
        assertThat(backup.resolve("conversations.journal")).exists();

        // then: restored into an empty data folder, it answers and knows the conversation and the vote
        Run r = run(env("restored", 0), "restore", backup.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Restored 2 articles (13 passages)");
        var config = Config.load(env("restored", 0));
        try (Citebot restored = Citebot.open(config, false, TestFiles.embedder())) {
            assertThat(restored.chat().answer("What did Dmitry Peskov say about negotiations?").text()).contains("Peskov");
            assertThat(restored.chat().history(conversation)).hasSize(1);
            assertThat(restored.chat().feedback(10)).anyMatch(f -> "useful".equals(f.comment()));
            var report = restored.syncSeeds();
            assertThat(report.articlesAdded() + report.articlesUpdated()).as("nothing to re-index").isZero();
        }
        // restoring over data is refused
        Run over = run(env("restored", 0), "restore", backup.toString());
        assertThat(over.code()).isEqualTo(2);
        assertThat(over.err()).contains("not empty");
        Run notBackup = run(env("other", 0), "restore", tmp.resolve("data").toString());
        assertThat(notBackup.code()).isEqualTo(2);
        assertThat(notBackup.err()).contains("not a citebot backup");
    }

    @Test
    void should_back_up_without_a_server() throws Exception {
        try (Citebot bot = TestFiles.seedsBot(tmp.resolve("data"))) {
            bot.chat().answer("What did Putin offer?");
        }
        Run b = run(env("data", 1), "backup", tmp.resolve("b").toString());
        assertThat(b.code()).as(b.err()).isZero();
        assertThat(Files.list(tmp.resolve("b/index")).count()).isPositive();
    }
}
