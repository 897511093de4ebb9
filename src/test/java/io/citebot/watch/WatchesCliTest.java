package io.citebot.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.citebot.App;
import io.citebot.TestFiles;
import io.citebot.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code citebot watches}: add, check (for cron), list and remove, with a webhook receiver on loopback. */
class WatchesCliTest {

    @TempDir
    Path tmp;
    String out;
    String err;

    int run(Map<String, String> env, String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = App.run(args, env, new PrintWriter(o, true), new PrintWriter(e, true));
        out = o.toString();
        err = e.toString();
        return code;
    }

    @Test
    void should_add_check_list_and_remove_a_watch() throws Exception {
        Path seeds = TestFiles.copyTree(TestFiles.SEEDS, tmp.resolve("seeds"));
        Map<String, String> env = new HashMap<>(Map.of("CITEBOT_DATA_DIR", tmp.resolve("data").toString(),
                "CITEBOT_SEEDS_DIR", seeds.toString(), "CITEBOT_CONFIG", TestFiles.FIXTURES.resolve("empty.properties").toString(),
                "CITEBOT_WEBHOOK_ALLOW_PRIVATE", "true", "CITEBOT_WEBHOOK_SECRET", "cli-secret-0123456789"));
        try (WebhookReceiver hook = new WebhookReceiver()) {
            assertThat(run(env, "watches", "--add", "Iran nuclear talks", "--webhook", hook.url())).as(err).isZero();
            assertThat(out).contains("Following \"Iran nuclear talks\" as w_");
            assertThat(run(env, "watches", "--check")).as(err).isZero();
            assertThat(out).contains("0 posts made");

            Files.writeString(seeds.resolve("talks.txt"), "date 2025-04-12\n\nIran and US hold second round of nuclear talks in Oman\n\n"
                    + WatchesTest.TALKS + "\n");
            assertThat(run(env, "watches", "--check")).as(err).isZero();
            assertThat(out).contains("1 posts made");
            WebhookReceiver.Received post = hook.next(Duration.ofSeconds(5));
            assertThat(post).isNotNull();
            assertThat(post.headers().get("X-Citebot-Signature")).startsWith("sha256=");

            assertThat(run(env, "watches", "--json")).isZero();
            JsonNode listed = Json.mapper().readTree(out.strip());
            assertThat(listed.get("query").asText()).isEqualTo("Iran nuclear talks");
            assertThat(listed.get("lastPost").get("delivered").asBoolean()).isTrue();

            assertThat(run(env, "digest", "--since", "3650d")).as(err).isZero();
            assertThat(out).contains("New since").contains("[1]");
            assertThat(run(env, "digest", "--since", "3650d", "--watch", listed.get("id").asText())).as(err).isZero();
            assertThat(out).contains("New since").contains("talks");
            assertThat(run(env, "digest", "--since", "soon")).isEqualTo(2);
            assertThat(err).contains("--since");

            assertThat(run(env, "watches", "--remove", listed.get("id").asText())).isZero();
            assertThat(out).contains("No watches.");
            assertThat(run(env, "watches", "--remove", "w_nope")).isEqualTo(2);
            assertThat(err).contains("no watch w_nope");
            assertThat(run(env, "watches", "--webhook", hook.url())).isEqualTo(2);
            assertThat(err).contains("--add");
            assertThat(run(env, "watches", "--add", "Iran", "--webhook", "http://127.0.0.1:9/x", "--slack-channel", "C0123")).isEqualTo(2);
            assertThat(run(env, "watches", "--add", "Iran", "--webhook", hook.url(), "--digest", "25:00")).isEqualTo(2);
            assertThat(err).contains("HH:MM");
        }
    }
}
