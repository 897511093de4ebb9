package io.citebot.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.citebot.Citebot;
import io.citebot.TestFiles;
import io.citebot.api.ArticleLinks;
import io.citebot.chat.ArticleService.Submitted;
import io.citebot.chat.InvalidInputException;
import io.citebot.chat.WatchStore;
import io.citebot.config.ApiSettings;
import io.citebot.config.Config;
import io.citebot.config.WatchSettings;
import io.citebot.http.HttpServer;
import io.citebot.json.Json;
import io.citebot.web.WebDoor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Watches over a real index, a real server on loopback and a webhook receiver speaking HTTP. */
class WatchesTest {

    static final String SECRET = "webhook-secret-0123456789";
    static final String KEY = "key-alice-0123456789abcdef";
    static final String OTHER = "key-bob-0123456789abcdefgh";
    static final ObjectMapper JSON = Json.mapper();
    static final String TALKS = "Iran and the United States held a second round of nuclear talks in Muscat on Saturday, and both"
            + " delegations called the meeting constructive. Iran's foreign minister Abbas Araghchi said the nuclear talks"
            + " would continue next week in Rome, with Oman again mediating between Tehran and Washington. The talks"
            + " are the first direct negotiations on Iran's nuclear programme since 2018.";
    static final String TUGBOAT = "The harbor's oldest tugboat, the Valkyrie, was retired on Friday after 61 years of service."
            + " Captain Mae Ortiz steered her to the maritime museum pier, where volunteers will restore her engine room.";

    @TempDir
    Path tmp;
    final HttpClient http = HttpClient.newHttpClient();

    static Watches watches(Citebot bot, boolean allowPrivate) {
        return new Watches(bot.chat(), bot.answerer(), new WatchStore(bot.conversations()), new ArticleLinks("http://localhost:7070", Set.of()),
                new WatchSettings(Duration.ofMillis(200), SECRET, allowPrivate), Duration.ofMillis(20));
    }

    static HttpServer server(Citebot bot, Watches watches) {
        HttpServer web = HttpServer.builder(bot.chat()).loopbackOnly(true)
                .api(new ApiSettings(Set.of(KEY, OTHER), 0, List.of(), true))
                .door(new WebDoor(bot.chat(), bot.articles(), watches)).build();
        web.javalin().start("127.0.0.1", 0);
        return web;
    }

    HttpResponse<String> send(HttpServer web, String method, String path, Object body, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.javalin().port() + path))
                .header("Authorization", "Bearer " + key);
        b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void write(Citebot bot, String id, String title, String text) {
        bot.articles().put(List.of(new Submitted(id, title, text, "2025-04-12", "Gulf Wire", null)));
    }

    @Test
    void should_post_a_signed_cited_brief_of_new_matching_articles_once() throws Exception {
        try (Citebot bot = TestFiles.seedsBot(tmp.resolve("data")); Watches watches = watches(bot, true);
             WebhookReceiver hook = new WebhookReceiver()) {
            HttpServer web = server(bot, watches);
            try {
                // given a watch made while the archive holds the seeds (two articles on Iran)
                HttpResponse<String> made = send(web, "POST", "/api/watches", Map.of("query", "Iran nuclear talks", "webhookUrl", hook.url()), KEY);
                assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
                String id = JSON.readTree(made.body()).get("id").asText();

                // when nothing arrived, nothing is posted: the seeds were there before the watch
                assertThat(watches.checkAll()).isZero();

                // when an article on the talks and one on a tugboat arrive
                write(bot, "talks-2", "Iran and US hold second round of nuclear talks in Oman", TALKS);
                write(bot, "tug-1", "Harbor retires its oldest tugboat", TUGBOAT);
                assertThat(watches.checkAll()).isEqualTo(1);

                // then one signed post cites the new article, as /api/chat cites
                WebhookReceiver.Received post = hook.next(Duration.ofSeconds(5));
                assertThat(post).isNotNull();
                assertThat(post.headers().get("X-Citebot-Signature"))
                        .isEqualTo(WebhookNotifier.signature(SECRET.getBytes(StandardCharsets.UTF_8), post.body()));
                JsonNode body = JSON.readTree(post.body());
                assertThat(body.get("watch").get("id").asText()).isEqualTo(id);
                assertThat(body.get("watch").get("query").asText()).isEqualTo("Iran nuclear talks");
                assertThat(body.get("answer").asText()).contains("[1]");
                assertThat(body.get("citations").findValuesAsText("articleId")).isNotEmpty().containsOnly("talks-2");
                assertThat(body.get("citations").get(0).has("link")).isTrue();
                assertThat(post.headers().get("X-Citebot-Delivery")).isEqualTo(body.get("deliveryId").asText());

                // and the next checks post nothing again
                assertThat(watches.checkAll()).isZero();
                assertThat(hook.next(Duration.ofMillis(300))).isNull();
                JsonNode listed = JSON.readTree(send(web, "GET", "/api/watches", null, KEY).body()).get("watches");
                assertThat(listed).hasSize(1);
                assertThat(listed.get(0).get("lastPost").get("delivered").asBoolean()).isTrue();

                // when another outlet prints the same report a day later, under its own headline and dateline
                bot.articles().put(List.of(new Submitted("talks-copy", "Second round of Iran talks ends in Muscat",
                        "MUSCAT (Coast Times) - " + TALKS, "2025-04-13", "Coast Times", null)));
                // then it is not news: nothing is posted
                assertThat(watches.checkAll()).isZero();
                assertThat(hook.next(Duration.ofMillis(300))).isNull();
            } finally {
                web.javalin().stop();
            }
        }
    }

    @Test
    void should_not_search_again_while_the_archive_is_unchanged() throws Exception {
        try (Citebot bot = TestFiles.seedsBot(tmp.resolve("data"));
             Watches watches = watches(bot, true).checkingWhen(bot.ingester()::commits);
             WebhookReceiver hook = new WebhookReceiver()) {
            watches.create("alice", "Iran nuclear talks", null, null, null, hook.url(), null);
            // the first check looks (what arrived while citebot was down); quiet ones after it cost no search
            assertThat(watches.checkAll()).isZero();
            long searched = watches.searches.get();
            assertThat(searched).isEqualTo(1);
            assertThat(watches.checkAll()).isZero();
            assertThat(watches.checkAll()).isZero();
            assertThat(watches.searches.get()).isEqualTo(searched);
            // an article arrives: the next check searches and posts
            write(bot, "talks-2", "Iran and US hold second round of nuclear talks in Oman", TALKS);
            assertThat(watches.checkAll()).isEqualTo(1);
            assertThat(watches.searches.get()).isEqualTo(searched + 1);
            assertThat(hook.next(Duration.ofSeconds(5))).isNotNull();
        }
    }

    @Test
    void should_never_post_twice_after_a_restart_and_send_what_it_owed() throws Exception {
        Path data = tmp.resolve("data");
        String deliveryId;
        try (WebhookReceiver hook = new WebhookReceiver()) {
            try (Citebot bot = TestFiles.seedsBot(data); Watches watches = watches(bot, true)) {
                watches.create("alice", "Iran nuclear talks", null, null, null, hook.url(), null);
                write(bot, "talks-2", "Iran and US hold second round of nuclear talks in Oman", TALKS);
                // the receiver is down: the post is made (the article is seen) but not delivered
                hook.status.set(503);
                assertThat(watches.checkAll()).isEqualTo(1);
                assertThat(hook.requests.get()).isEqualTo(WebhookNotifier.TRIES);
                var owed = new WatchStore(bot.conversations()).pending(Posts.MAX_SENDS);
                assertThat(owed).hasSize(1);
                deliveryId = owed.getFirst().id();
                assertThat(owed.getFirst().error()).contains("503");
            }
            // when citebot starts again and the receiver is back
            hook.status.set(200);
            try (Citebot bot = TestFiles.seedsBot(data); Watches watches = watches(bot, true)) {
                assertThat(watches.checkAll()).isZero();
                // then the owed post arrives once, with its delivery id, and nothing is made again
                WebhookReceiver.Received post = hook.next(Duration.ofSeconds(5));
                assertThat(post).isNotNull();
                assertThat(post.headers().get("X-Citebot-Delivery")).isEqualTo(deliveryId);
                assertThat(watches.checkAll()).isZero();
                assertThat(hook.next(Duration.ofMillis(300))).isNull();
                assertThat(new WatchStore(bot.conversations()).pending(Posts.MAX_SENDS)).isEmpty();
            }
        }
    }

    @Test
    void should_refuse_private_addresses_unless_allowed_and_bad_watches_with_a_clear_400() throws Exception {
        try (Citebot bot = TestFiles.seedsBot(tmp.resolve("data")); Watches watches = watches(bot, false)) {
            HttpServer web = server(bot, watches);
            try {
                for (Object body : List.of(
                        Map.of("query", "Iran", "webhookUrl", "http://127.0.0.1:9/hook"),
                        Map.of("query", "Iran", "webhookUrl", "http://10.0.0.7/hook"),
                        Map.of("query", "Iran", "webhookUrl", "http://169.254.169.254/latest/meta-data"),
                        Map.of("query", "Iran", "webhookUrl", "ftp://example.org/x"),
                        Map.of("query", "Iran"),
                        Map.of("query", "Iran", "webhookUrl", "https://example.org/h", "slackChannel", "C0123"),
                        Map.of("query", " ", "webhookUrl", "https://example.org/h"),
                        Map.of("query", "x".repeat(301), "webhookUrl", "https://example.org/h"),
                        Map.of("query", "Iran", "slackChannel", "C0123"),
                        Map.of("query", "Iran", "webhookUrl", "https://example.org/h", "filters", Map.of("from", "April")),
                        Map.of("query", "Iran", "webhookUrl", "https://example.org/h", "filters", "recent"))) {
                    HttpResponse<String> r = send(web, "POST", "/api/watches", body, KEY);
                    assertThat(r.statusCode()).as(body + " → " + r.body()).isEqualTo(400);
                    assertThat(JSON.readTree(r.body()).get("error").asText()).isNotBlank();
                }
                HttpResponse<String> r = send(web, "POST", "/api/watches", Map.of("query", "Iran", "webhookUrl", "http://127.0.0.1:9/hook"), KEY);
                assertThat(JSON.readTree(r.body()).get("error").asText()).contains("CITEBOT_WEBHOOK_ALLOW_PRIVATE");
                assertThat(JSON.readTree(send(web, "GET", "/api/watches", null, KEY).body()).get("watches")).isEmpty();
            } finally {
                web.javalin().stop();
            }
        }
    }

    @Test
    void should_keep_each_keys_watches_to_itself() throws Exception {
        try (Citebot bot = TestFiles.seedsBot(tmp.resolve("data")); Watches watches = watches(bot, true);
             WebhookReceiver hook = new WebhookReceiver()) {
            HttpServer web = server(bot, watches);
            try {
                String id = JSON.readTree(send(web, "POST", "/api/watches", Map.of("query", "Kremlin", "webhookUrl", hook.url()), KEY)
                        .body()).get("id").asText();
                assertThat(JSON.readTree(send(web, "GET", "/api/watches", null, OTHER).body()).get("watches")).isEmpty();
                assertThat(send(web, "DELETE", "/api/watches/" + id, null, OTHER).statusCode()).isEqualTo(404);
                assertThat(send(web, "GET", "/api/watches", null, "wrong-key-0123456789abc").statusCode()).isEqualTo(401);
                assertThat(JSON.readTree(send(web, "GET", "/api/watches", null, KEY).body()).get("watches")).hasSize(1);
                assertThat(send(web, "DELETE", "/api/watches/" + id, null, KEY).statusCode()).isEqualTo(204);
                assertThat(JSON.readTree(send(web, "GET", "/api/watches", null, KEY).body()).get("watches")).isEmpty();
            } finally {
                web.javalin().stop();
            }
        }
    }

    @Test
    void should_pause_a_watch_whose_webhook_is_gone() throws Exception {
        try (Citebot bot = TestFiles.seedsBot(tmp.resolve("data")); Watches watches = watches(bot, true);
             WebhookReceiver hook = new WebhookReceiver()) {
            var w = watches.create("alice", "Iran nuclear talks", null, null, null, hook.url(), null);
            hook.status.set(410);
            write(bot, "talks-2", "Iran and US hold second round of nuclear talks in Oman", TALKS);
            watches.checkAll();
            var paused = watches.list("alice").getFirst();
            assertThat(paused.id()).isEqualTo(w.id());
            assertThat(paused.paused()).contains("410");
            // a paused watch is not checked again
            hook.status.set(200);
            write(bot, "talks-3", "Nuclear talks between Iran and the US move to Rome", TALKS.replace("Muscat", "Rome"));
            assertThat(watches.checkAll()).isZero();
            assertThat(hook.posts).isEmpty();
        }
    }

    /** A clock the test moves. */
    static final class Hands extends Clock {
        volatile Instant now;

        Hands(String at) {
            now = LocalDateTime.parse(at).atZone(ZoneOffset.UTC).toInstant();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void should_post_a_daily_digest_once_a_day_at_its_time_with_all_that_arrived() throws Exception {
        Hands clock = new Hands("2025-04-12T07:00:00");
        try (Citebot bot = TestFiles.seedsBot(tmp.resolve("data"));
             Watches watches = new Watches(bot.chat(), bot.answerer(), new WatchStore(bot.conversations()),
                     new ArticleLinks("http://localhost:7070", Set.of()), new WatchSettings(Duration.ofMillis(200), SECRET, true),
                     Duration.ofMillis(20), clock);
             WebhookReceiver hook = new WebhookReceiver()) {
            // given a watch with a digest at 08:00, and two reports on the talks arriving before it
            var w = watches.create("alice", "Iran nuclear talks", null, null, null, hook.url(), null, LocalTime.of(8, 0));
            write(bot, "talks-2", "Iran and US hold second round of nuclear talks in Oman", TALKS);
            assertThat(watches.checkAll()).isZero();
            write(bot, "talks-3", "Nuclear talks between Iran and the US move to Rome", "The third round of nuclear talks between"
                    + " Iran and the United States will be held in Rome, Oman's foreign ministry said on Tuesday. Iran's nuclear"
                    + " negotiators confirmed the talks would go ahead on Saturday with Omani mediators.");

            // when its time comes, one post covers both; later that day nothing more is posted
            clock.now = clock.now.plus(Duration.ofMinutes(65));
            assertThat(watches.checkAll()).isEqualTo(1);
            JsonNode post = JSON.readTree(hook.next(Duration.ofSeconds(5)).body());
            assertThat(post.get("watch").get("id").asText()).isEqualTo(w.id());
            assertThat(post.get("citations").findValuesAsText("articleId")).contains("talks-2", "talks-3");
            write(bot, "talks-4", "Iran nuclear talks end without a deal", "The nuclear talks between Iran and the United States"
                    + " ended in Rome without a deal on Saturday, Iran's foreign ministry said, and both sides agreed to hold more"
                    + " nuclear talks next month in Oman.");
            clock.now = clock.now.plus(Duration.ofHours(5));
            assertThat(watches.checkAll()).isZero();

            // then the next day's digest brings what arrived since
            clock.now = clock.now.plus(Duration.ofHours(19));
            assertThat(watches.checkAll()).isEqualTo(1);
            assertThat(JSON.readTree(hook.next(Duration.ofSeconds(5)).body()).get("citations").findValuesAsText("articleId"))
                    .contains("talks-4");
            assertThat(watches.list("alice").getFirst().digestAt()).isEqualTo(LocalTime.of(8, 0));
        }
    }

    @Test
    void should_post_a_daily_digest_of_the_whole_archive() throws Exception {
        Hands clock = new Hands("2025-04-12T07:00:00");
        try (Citebot bot = TestFiles.seedsBot(tmp.resolve("data"));
             Watches watches = new Watches(bot.chat(), bot.answerer(), new WatchStore(bot.conversations()),
                     new ArticleLinks("http://localhost:7070", Set.of()), new WatchSettings(Duration.ofMillis(200), SECRET, true),
                     Duration.ofMillis(20), clock);
             WebhookReceiver hook = new WebhookReceiver()) {
            // a watch of everything needs its digest time
            assertThatThrownBy(() -> watches.create("alice", "*", null, null, null, hook.url(), null))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("digest");
            watches.create("alice", "*", null, null, null, hook.url(), null, LocalTime.of(8, 0));
            // given two unrelated reports published today
            write(bot, "talks-2", "Iran and US hold second round of nuclear talks in Oman", TALKS);
            write(bot, "tug-1", "Harbor retires its oldest tugboat", TUGBOAT);

            // when the digest is due: one post about both, none of the older seeds; nothing more that day
            clock.now = clock.now.plus(Duration.ofMinutes(65));
            assertThat(watches.checkAll()).isEqualTo(1);
            JsonNode post = JSON.readTree(hook.next(Duration.ofSeconds(5)).body());
            assertThat(post.get("citations").findValuesAsText("articleId")).containsExactlyInAnyOrder("talks-2", "tug-1");
            clock.now = clock.now.plus(Duration.ofHours(3));
            assertThat(watches.checkAll()).isZero();
            assertThat(hook.next(Duration.ofMillis(300))).isNull();
        }
    }

    @Test
    void should_match_new_articles_at_the_watches_own_evidence_threshold() throws Exception {
        // a watch of a name the new report mentions once: its evidence for the topic is 0.56, under the answers' 0.6
        for (String threshold : List.of("0.6", "0.55")) {
            Config config = Config.load(Map.of("CITEBOT_DATA_DIR", tmp.resolve("threshold-" + threshold).toString(),
                    "CITEBOT_SEEDS_DIR", TestFiles.SEEDS.toString(), "CITEBOT_CONFIG", TestFiles.FIXTURES.resolve("empty.properties").toString(),
                    "CITEBOT_WATCH_MIN_CONFIDENCE", threshold, "CITEBOT_WEBHOOK_ALLOW_PRIVATE", "true"));
            try (Citebot bot = Citebot.open(config, false, TestFiles.embedder()); WebhookReceiver hook = new WebhookReceiver()) {
                bot.syncSeeds();
                bot.watches().create("alice", "Araghchi", null, null, null, hook.url(), null);
                write(bot, "talks-2", "Iran and US hold second round of nuclear talks in Oman", TALKS);
                assertThat(bot.watches().checkAll()).as(threshold).isEqualTo(threshold.equals("0.55") ? 1 : 0);
                if (threshold.equals("0.55")) {
                    // and the post is composed at that threshold too, citing the new report
                    JsonNode body = JSON.readTree(hook.next(Duration.ofSeconds(5)).body());
                    assertThat(body.get("citations").findValuesAsText("articleId")).contains("talks-2");
                }
            }
        }
        assertThat(Config.load(Map.of()).watches().minConfidence()).isEqualTo(0.55);
        assertThatThrownBy(() -> Config.load(Map.of("CITEBOT_WATCH_MIN_CONFIDENCE", "1.5")))
                .hasMessageContaining("CITEBOT_WATCH_MIN_CONFIDENCE");
    }

    @Test
    void should_post_by_itself_every_interval_soon_after_an_article_arrives() throws Exception {
        try (Citebot bot = TestFiles.seedsBot(tmp.resolve("data")); Watches watches = watches(bot, true);
             WebhookReceiver hook = new WebhookReceiver()) {
            watches.create("alice", "Iran nuclear talks", null, null, null, hook.url(), null);
            watches.start();
            long arrived = System.nanoTime();
            write(bot, "talks-2", "Iran and US hold second round of nuclear talks in Oman", TALKS);
            WebhookReceiver.Received post = hook.next(Duration.ofSeconds(10));
            assertThat(post).isNotNull();
            assertThat(JSON.readTree(post.body()).get("citations").findValuesAsText("articleId")).contains("talks-2");
            // within the interval (200 ms) and the check's own time, not a multiple of it
            assertThat(Duration.ofNanos(post.atNanos() - arrived)).isLessThan(Duration.ofSeconds(5));
            assertThat(hook.next(Duration.ofMillis(600))).isNull();
        }
    }
}
