package io.citebot.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.app_backend.SlackSignature;
import io.citebot.Citebot;
import io.citebot.Servers;
import io.citebot.TestFiles;
import io.citebot.answer.ExtractiveAnswerer;
import io.citebot.chat.ArticleService;
import io.citebot.chat.FeedbackStore;
import io.citebot.config.SlackSettings;
import io.citebot.http.HttpServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Slack door over real HTTP on loopback: requests signed with Slack's own SDK as Slack signs them, sent to our
 * routes; answers posted to a fake Slack Web API on port 0; a real index of the seeds behind it.
 */
class SlackDoorTest {

    static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path tmp;

    static Citebot bot;
    static FakeSlack slack;
    static SlackDoor door;
    static HttpServer web;
    static final HttpClient http = HttpClient.newHttpClient();
    static final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        bot = TestFiles.seedsBot(tmp.resolve("data"));
        slack = new FakeSlack();
        SlackSettings settings = new SlackSettings(SECRET, "xoxb-test-token", slack.apiUrl(), false, Set.of("COFF"), Set.of("CEPH"), true, null);
        door = new SlackDoor(bot.chat(), settings, "https://citebot.example.org", Clock.systemUTC(), 2).withWatches(bot.watches());
        web = Servers.of(bot.chat()).loopbackOnly(true).door(door).build();
        web.javalin().start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() throws Exception {
        web.javalin().stop();
        door.close();
        slack.close();
        bot.close();
    }

    @BeforeEach
    void clear() throws InterruptedException {
        // an answer of the previous test may still be finishing (its 👀 comes off last): let it, then start clean
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (slack.calls("reactions.add").size() > slack.calls("reactions.remove").size() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        slack.clear();
    }

    // ---- helpers: requests as Slack sends them

    static HttpResponse<String> send(String path, String contentType, String body, long timestamp, String signature,
                                     String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.javalin().port() + path))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            b.header("X-Slack-Request-Timestamp", String.valueOf(timestamp)).header("X-Slack-Signature", signature);
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> signed(String path, String contentType, String body, String... headers) throws Exception {
        long ts = System.currentTimeMillis() / 1000;
        return send(path, contentType, body, ts, new SlackSignature.Generator(SECRET).generate(String.valueOf(ts), body), headers);
    }

    static HttpResponse<String> event(String eventJson, String... headers) throws Exception {
        return signed("/slack/events", "application/json", envelope(eventJson, "Ev" + UUID.randomUUID().toString().substring(0, 8)), headers);
    }

    static String envelope(String eventJson, String eventId) {
        return "{\"token\":\"x\",\"team_id\":\"T1\",\"api_app_id\":\"A1\",\"type\":\"event_callback\",\"event_id\":\"" + eventId
                + "\",\"event_time\":1800000000,\"event\":" + eventJson + "}";
    }

    static String mention(String channel, String ts, String threadTs, String text) throws Exception {
        return "{\"type\":\"app_mention\",\"user\":\"U42\",\"text\":" + json.writeValueAsString(text) + ",\"ts\":\"" + ts
                + "\",\"channel\":\"" + channel + "\",\"event_ts\":\"" + ts + "\""
                + (threadTs != null ? ",\"thread_ts\":\"" + threadTs + "\"" : "") + "}";
    }

    static String form(String... keyValues) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < keyValues.length; i += 2) {
            b.append(i == 0 ? "" : "&").append(keyValues[i]).append('=').append(URLEncoder.encode(keyValues[i + 1], StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    // ---- tests

    @Test
    void should_answer_the_url_verification_challenge() throws Exception {
        HttpResponse<String> r = signed("/slack/events", "application/json",
                "{\"token\":\"x\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\",\"type\":\"url_verification\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json.readTree(r.body()).get("challenge").asText()).isEqualTo("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
    }

    @Test
    void should_refuse_forged_unsigned_stale_and_future_requests_and_do_nothing() throws Exception {
        String body = envelope(mention("C1", "1800000001.000100", null, "<@UBOT> What did Peskov say?"), "EvForged");
        long now = System.currentTimeMillis() / 1000;
        var generator = new SlackSignature.Generator(SECRET);
        var forged = new SlackSignature.Generator("not-the-secret");
        List<HttpResponse<String>> refused = List.of(
                send("/slack/events", "application/json", body, now, forged.generate(String.valueOf(now), body)),
                send("/slack/events", "application/json", body, now, null),
                send("/slack/events", "application/json", body, now - 400, generator.generate(String.valueOf(now - 400), body)),
                send("/slack/events", "application/json", body, now + 400, generator.generate(String.valueOf(now + 400), body)),
                // signed over other bytes than those sent
                send("/slack/events", "application/json", body + " ", now, generator.generate(String.valueOf(now), body)),
                send("/slack/commands", "application/x-www-form-urlencoded", "text=hi", now, "v0=00"),
                send("/slack/interactivity", "application/x-www-form-urlencoded", "payload=%7B%7D", now, "v1=" + "a".repeat(64)));
        for (HttpResponse<String> r : refused) {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(json.readTree(r.body()).get("error").asText()).contains("Slack signature");
        }
        Thread.sleep(300);
        assertThat(slack.calls("chat.postMessage")).isEmpty();
        assertThat(slack.calls("reactions.add")).isEmpty();
    }

    @Test
    void should_answer_a_mention_in_its_thread_with_sources_buttons_and_a_web_link() throws Exception {
        // when
        long t0 = System.nanoTime();
        HttpResponse<String> ack = event(mention("C1", "1800000010.000100", null, "<@UBOT> What did Dmitry Peskov say about negotiations?"));
        long ackMillis = (System.nanoTime() - t0) / 1_000_000;

        // then: acknowledged at once, answered in the thread of the question
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(ackMillis).isLessThan(3000);
        FakeSlack.Call post = slack.await("chat.postMessage", 1, WAIT).getFirst();
        assertThat(post.authorization()).isEqualTo("Bearer xoxb-test-token");
        assertThat(post.param("channel")).isEqualTo("C1");
        assertThat(post.param("thread_ts")).isEqualTo("1800000010.000100");
        assertThat(post.param("text")).contains("Peskov").contains("[1]");
        JsonNode blocks = json.readTree(post.param("blocks"));
        String all = blocks.toString();
        // the seeds have no URLs: titles are shown unlinked (links are tested in SlackMessagesTest)
        assertThat(all).contains("*Sources*").contains("[1] <https://citebot.example.org/articles/004_a9df3fd6e590312d#p").contains("|Putin has proposed").contains("www.telegraph.co.uk");
        JsonNode buttons = blocks.findValues("elements").stream().filter(e -> e.toString().contains("citebot_vote_up")).findFirst().orElseThrow();
        assertThat(buttons.toString()).contains("citebot_vote_down");
        assertThat(all).contains("<https://citebot.example.org/#c=slack-");
        // the 👀 reaction while it worked, removed afterwards
        assertThat(slack.await("reactions.add", 1, WAIT).getFirst().param("name")).isEqualTo("eyes");
        assertThat(slack.await("reactions.remove", 1, WAIT).getFirst().param("timestamp")).isEqualTo("1800000010.000100");
    }

    @Test
    void should_answer_a_retried_event_once() throws Exception {
        String body = envelope(mention("C1", "1800000020.000100", null, "<@UBOT> What did Putin offer?"), "EvRetry1");
        assertThat(signed("/slack/events", "application/json", body).statusCode()).isEqualTo(200);
        assertThat(signed("/slack/events", "application/json", body, "X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout")
                .statusCode()).isEqualTo(200);
        assertThat(signed("/slack/events", "application/json", body, "X-Slack-Retry-Num", "2").statusCode()).isEqualTo(200);
        slack.await("chat.postMessage", 1, WAIT);
        Thread.sleep(1500);
        assertThat(slack.calls("chat.postMessage")).hasSize(1);
    }

    @Test
    void should_carry_a_thread_into_a_follow_up_and_continue_it_on_the_web() throws Exception {
        String thread = "1800000030.000100";
        event(mention("C1", thread, null, "<@UBOT> What did Putin offer?"));
        slack.await("chat.postMessage", 1, WAIT);
        event(mention("C1", "1800000031.000200", thread, "<@UBOT> How did Iran respond to his offer?"));
        List<FakeSlack.Call> posts = slack.await("chat.postMessage", 2, WAIT);
        assertThat(posts.get(1).param("thread_ts")).isEqualTo(thread);

        String id = door.conversationId("T1", "C1", thread);
        var turns = bot.chat().history(id);
        assertThat(turns).hasSize(2);
        assertThat(turns.get(1).turn().searchedFor()).isEqualTo("How did Iran respond to his offer? (Putin)");
        // the web link's id continues the same conversation in the chat page's API
        var page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.javalin().port() + "/api/conversations/" + id)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(json.readTree(page.body()).get("turns")).hasSize(2);
        assertThat(json.readTree(posts.get(1).param("blocks")).toString()).contains("#c=" + id);
    }

    @Test
    void should_say_a_refusal_plainly() throws Exception {
        event(mention("C1", "1800000040.000100", null, "<@UBOT> Who won the 2018 World Cup?"));
        FakeSlack.Call post = slack.await("chat.postMessage", 1, WAIT).getFirst();
        assertThat(post.param("text")).startsWith(SlackText.escape(ExtractiveAnswerer.REFUSAL));
        assertThat(post.param("blocks")).doesNotContain("*Sources*");
    }

    @Test
    void should_ignore_bots_its_own_messages_edits_and_channel_messages() throws Exception {
        event("{\"type\":\"app_mention\",\"user\":\"U9\",\"bot_id\":\"B9\",\"text\":\"<@UBOT> What did Putin offer?\",\"ts\":\"1800000050.1\",\"channel\":\"C1\"}");
        event("{\"type\":\"message\",\"subtype\":\"bot_message\",\"text\":\"What did Putin offer?\",\"ts\":\"1800000050.2\",\"channel\":\"D1\",\"channel_type\":\"im\"}");
        event("{\"type\":\"message\",\"user\":\"UBOT\",\"text\":\"What did Putin offer?\",\"ts\":\"1800000050.3\",\"channel\":\"D1\",\"channel_type\":\"im\"}");
        event("{\"type\":\"message\",\"subtype\":\"message_changed\",\"ts\":\"1800000050.4\",\"channel\":\"D1\",\"channel_type\":\"im\"}");
        event("{\"type\":\"message\",\"user\":\"U42\",\"text\":\"<@UBOT> What did Putin offer?\",\"ts\":\"1800000050.5\",\"channel\":\"C1\",\"channel_type\":\"channel\"}");
        Thread.sleep(1500);
        assertThat(door.pending()).isZero();
        assertThat(slack.calls("chat.postMessage")).isEmpty();
        assertThat(slack.calls("chat.postEphemeral")).isEmpty();
    }

    @Test
    void should_answer_a_direct_message_in_the_conversation() throws Exception {
        event("{\"type\":\"message\",\"user\":\"U42\",\"text\":\"What did Putin offer?\",\"ts\":\"1800000060.000100\","
                + "\"channel\":\"D42\",\"channel_type\":\"im\"}");
        FakeSlack.Call post = slack.await("chat.postMessage", 1, WAIT).getFirst();
        assertThat(post.param("channel")).isEqualTo("D42");
        assertThat(post.param("thread_ts")).isNull();
        assertThat(post.param("text")).contains("[1]");
    }

    @Test
    void should_tell_the_asker_privately_where_the_bot_is_off_and_answer_privately_where_asked_to() throws Exception {
        event(mention("COFF", "1800000070.000100", null, "<@UBOT> What did Putin offer?"));
        FakeSlack.Call off = slack.await("chat.postEphemeral", 1, WAIT).getFirst();
        assertThat(off.param("user")).isEqualTo("U42");
        assertThat(off.param("text")).contains("turned off in this channel");

        event(mention("CEPH", "1800000071.000100", null, "<@UBOT> What did Putin offer?"));
        FakeSlack.Call eph = slack.await("chat.postEphemeral", 2, WAIT).get(1);
        assertThat(eph.param("channel")).isEqualTo("CEPH");
        assertThat(eph.param("thread_ts")).isEqualTo("1800000071.000100");
        assertThat(eph.param("text")).contains("[1]");
        assertThat(slack.calls("chat.postMessage")).isEmpty();
    }

    @Test
    void should_acknowledge_a_slash_command_at_once_and_answer_at_its_response_url() throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> ack = signed("/slack/commands", "application/x-www-form-urlencoded", form("token", "x", "team_id", "T1",
                "channel_id", "C1", "user_id", "U42", "command", "/ask", "text", "What did Dmitry Peskov say about negotiations?",
                "response_url", slack.responseUrl("cmd1"), "trigger_id", "1.2.3"));
        long ackMillis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(ackMillis).isLessThan(3000);
        JsonNode ackBody = json.readTree(ack.body());
        assertThat(ackBody.get("response_type").asText()).isEqualTo("ephemeral");
        assertThat(ackBody.get("text").asText()).contains("Peskov");

        FakeSlack.Call answer = slack.await("response", 1, WAIT).getFirst();
        assertThat(answer.json().get("response_type").asText()).isEqualTo("ephemeral");
        assertThat(answer.json().get("replace_original").asBoolean()).isFalse();
        assertThat(answer.json().get("text").asText()).contains("Peskov").contains("[1]");
        assertThat(answer.json().get("blocks").toString()).contains("*Sources*").contains("citebot_vote_up");

        HttpResponse<String> empty = signed("/slack/commands", "application/x-www-form-urlencoded",
                form("command", "/ask", "text", "  ", "response_url", slack.responseUrl("cmd2")));
        assertThat(json.readTree(empty.body()).get("text").asText()).contains("/ask What did");
    }

    @Test
    void should_follow_a_topic_in_a_channel_post_new_articles_in_one_thread_and_pause_when_the_channel_is_archived() throws Exception {
        // given a channel that follows the Iran talks
        JsonNode followed = json.readTree(signed("/slack/commands", "application/x-www-form-urlencoded", form("channel_id", "C07NEWS",
                "user_id", "U42", "command", "/ask", "text", "follow Iran nuclear talks", "response_url", slack.responseUrl("f1"))).body());
        assertThat(followed.get("text").asText()).contains("Following “Iran nuclear talks”").contains("/ask following");
        JsonNode listed = json.readTree(signed("/slack/commands", "application/x-www-form-urlencoded", form("channel_id", "C07NEWS",
                "command", "/ask", "text", "following", "response_url", slack.responseUrl("f2"))).body());
        assertThat(listed.get("text").asText()).contains("1. Iran nuclear talks");
        assertThat(slack.calls("chat.postMessage")).isEmpty();

        // when two articles on the talks arrive, one check apart
        bot.articles().put(List.of(new ArticleService.Submitted("talks-s1", "Iran and US hold second round of nuclear talks in Oman",
                "Iran and the United States held a second round of nuclear talks in Muscat on Saturday, and both delegations called"
                        + " the meeting constructive. Iran's foreign minister said the nuclear talks would continue next week.",
                "2025-04-12", "Gulf Wire", null)));
        assertThat(bot.watches().checkAll()).isEqualTo(1);
        bot.articles().put(List.of(new ArticleService.Submitted("talks-s2", "Nuclear talks between Iran and the US move to Rome",
                "The third round of nuclear talks between Iran and the United States will be held in Rome, Oman's foreign ministry"
                        + " said on Tuesday. Iran's nuclear negotiators confirmed the talks would go ahead on Saturday.",
                "2025-04-15", "Gulf Wire", null)));
        assertThat(bot.watches().checkAll()).isEqualTo(1);

        // then the first post opens a thread in the channel and the second continues it, each with its sources
        List<FakeSlack.Call> posts = slack.calls("chat.postMessage");
        assertThat(posts).hasSize(2);
        assertThat(posts.get(0).params().get("channel")).isEqualTo("C07NEWS");
        assertThat(posts.get(0).params().get("thread_ts")).isNull();
        assertThat(posts.get(0).params().get("blocks")).contains("New on").contains("*Sources*").contains("talks");
        assertThat(posts.get(1).params().get("thread_ts")).isNotNull();

        // when the channel is archived, the next post pauses the watch, and "following" says why
        slack.archived.add("C07NEWS");
        bot.articles().put(List.of(new ArticleService.Submitted("talks-s3", "Iran nuclear talks end without a deal",
                "The nuclear talks between Iran and the United States ended in Rome without a deal on Saturday, Iran's"
                        + " foreign ministry said, and both sides agreed to hold more nuclear talks next month.",
                "2025-04-19", "Gulf Wire", null)));
        bot.watches().checkAll();
        JsonNode after = json.readTree(signed("/slack/commands", "application/x-www-form-urlencoded", form("channel_id", "C07NEWS",
                "command", "/ask", "text", "following", "response_url", slack.responseUrl("f3"))).body());
        assertThat(after.get("text").asText()).contains("paused").contains("is_archived");

        // and unfollow stops it
        JsonNode stopped = json.readTree(signed("/slack/commands", "application/x-www-form-urlencoded", form("channel_id", "C07NEWS",
                "command", "/ask", "text", "unfollow 1", "response_url", slack.responseUrl("f4"))).body());
        assertThat(stopped.get("text").asText()).contains("Stopped following");
        assertThat(bot.watches().list("slack:C07NEWS")).isEmpty();

        // a daily digest
        JsonNode daily = json.readTree(signed("/slack/commands", "application/x-www-form-urlencoded", form("channel_id", "C07NEWS",
                "command", "/ask", "text", "follow the north pier daily at 7:30", "response_url", slack.responseUrl("f5"))).body());
        assertThat(daily.get("text").asText()).contains("Following “the north pier”").contains("every day at 07:30");
        assertThat(bot.watches().list("slack:C07NEWS")).extracting(w -> w.digestAt().toString()).containsExactly("07:30");
        bot.watches().delete("slack:C07NEWS", bot.watches().list("slack:C07NEWS").getFirst().id());
        slack.archived.clear();
    }

    @Test
    void should_retry_a_rate_limited_post_after_retry_after() throws Exception {
        slack.rateLimit("chat.postMessage", 1);
        event(mention("C1", "1800000080.000100", null, "<@UBOT> What did Putin offer?"));
        FakeSlack.Call post = slack.await("chat.postMessage", 1, WAIT).getFirst();
        FakeSlack.Call limited = slack.calls("chat.postMessage (429)").getFirst();
        assertThat(Duration.ofNanos(post.nanos() - limited.nanos())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(post.param("text")).contains("[1]");
    }

    @Test
    void should_store_a_vote_from_the_buttons_and_thank_the_voter() throws Exception {
        event(mention("C1", "1800000090.000100", null, "<@UBOT> What did Putin offer?"));
        JsonNode blocks = json.readTree(slack.await("chat.postMessage", 1, WAIT).getFirst().param("blocks"));
        String value = blocks.findValues("value").getFirst().asText();
        String payload = "{\"type\":\"block_actions\",\"team\":{\"id\":\"T1\",\"domain\":\"newsroom\"},\"user\":{\"id\":\"U42\","
                + "\"username\":\"ana\",\"team_id\":\"T1\"},\"api_app_id\":\"A1\",\"token\":\"x\",\"trigger_id\":\"1.2\","
                + "\"container\":{\"type\":\"message\",\"message_ts\":\"1800000000.000001\",\"channel_id\":\"C1\"},"
                + "\"channel\":{\"id\":\"C1\",\"name\":\"news\"},\"response_url\":\"" + slack.responseUrl("vote") + "\","
                + "\"actions\":[{\"action_id\":\"citebot_vote_down\",\"block_id\":\"citebot_feedback\",\"text\":{\"type\":\"plain_text\","
                + "\"text\":\"👎 Not helpful\",\"emoji\":true},\"value\":" + json.writeValueAsString(value) + ",\"type\":\"button\","
                + "\"action_ts\":\"1800000091.1\"}]}";

        HttpResponse<String> r = signed("/slack/interactivity", "application/x-www-form-urlencoded", form("payload", payload));
        assertThat(r.statusCode()).isEqualTo(200);
        // voting again replaces the vote: one per reader and answer
        signed("/slack/interactivity", "application/x-www-form-urlencoded", form("payload", payload.replace("citebot_vote_down", "citebot_vote_up")));

        FakeSlack.Call thanks = slack.await("response", 2, WAIT).getLast();
        assertThat(thanks.json().get("text").asText()).contains("recorded");
        FeedbackStore.Entry stored = bot.chat().feedback(10).stream().filter(e -> "slack".equals(e.door())).findFirst().orElseThrow();
        assertThat(stored.rating()).isEqualTo(FeedbackStore.Rating.UP);
        assertThat(stored.voter()).isEqualTo("T1:U42");
        assertThat(stored.question()).isEqualTo("What did Putin offer?");
        assertThat(stored.answer()).contains("[1]");
        assertThat(stored.citationsJson()).contains(TestFiles.SEED_PUTIN);
        assertThat(bot.chat().feedback(100).stream().filter(e -> e.conversationId().equals(stored.conversationId()))).hasSize(1);
    }

    @Test
    void should_never_answer_a_signed_but_odd_payload_with_a_server_error() throws Exception {
        // seeded: a failure names its seed and number, to be kept as a regression case
        Random random = new Random(20261122);
        String[] values = {"\"x\"", "5", "null", "[]", "{}", "true", "\"<@UBOT> \u200b\"", "\"" + "a".repeat(5000) + "\"", "-1.5e300"};
        String[] fields = {"type", "event", "event_id", "team_id", "text", "user", "ts", "thread_ts", "channel", "channel_type",
                "subtype", "bot_id", "actions", "response_url", "command", "payload", "value", "action_id"};
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            StringBuilder event = new StringBuilder("{\"type\":\"" + (random.nextBoolean() ? "app_mention" : "message") + "\"");
            for (int f = random.nextInt(6); f > 0; f--) {
                event.append(",\"").append(fields[random.nextInt(fields.length)]).append("\":").append(values[random.nextInt(values.length)]);
            }
            event.append("}");
            String path;
            String type;
            String body;
            switch (random.nextInt(3)) {
                case 0 -> {
                    path = "/slack/events";
                    type = "application/json";
                    body = random.nextInt(5) == 0 ? event.toString() : envelope(event.toString(), "EvFuzz" + i);
                }
                case 1 -> {
                    path = "/slack/commands";
                    type = "application/x-www-form-urlencoded";
                    body = form("command", "/ask", "text", values[random.nextInt(values.length)], "response_url",
                            random.nextBoolean() ? slack.responseUrl("fuzz") : "javascript:alert(1)", "channel_id", "C1");
                }
                default -> {
                    path = "/slack/interactivity";
                    type = "application/x-www-form-urlencoded";
                    body = form("payload", "{\"type\":\"block_actions\",\"user\":{\"id\":\"U1\"},\"actions\":[" + event + "],"
                            + "\"response_url\":" + values[random.nextInt(values.length)] + "}");
                }
            }
            HttpResponse<String> r = signed(path, type, body);
            if (r.statusCode() >= 500 || r.body().contains("Exception") || r.body().contains("\tat ")) {
                failures.add("seed 20261122 #" + i + " " + path + " -> " + r.statusCode() + " " + r.body()
                        + " for " + body.substring(0, Math.min(200, body.length())));
            }
        }
        assertThat(failures).isEmpty();
        // and it still answers afterwards
        slack.clear();
        event(mention("C1", "1800000999.000100", null, "<@UBOT> What did Putin offer?"));
        assertThat(slack.await("chat.postMessage", 1, WAIT).getFirst().param("text")).contains("[1]");
        // the 👀 comes off after the answer: wait for it, or it lands among the next test's calls
        slack.await("reactions.remove", 1, WAIT);
    }

    @Test
    void should_ship_a_manifest_that_matches_the_routes() throws Exception {
        String manifest = Files.readString(Path.of("slack/manifest.yml"));
        assertThat(manifest).contains("https://citebot.example.org/slack/events", "https://citebot.example.org/slack/commands",
                "https://citebot.example.org/slack/interactivity", "- app_mention", "- message.im", "command: /ask",
                "- app_mentions:read", "- chat:write", "- commands", "- im:history", "- reactions:write");
        for (String path : List.of("/slack/events", "/slack/commands", "/slack/interactivity")) {
            // a signed request reaches the route, not the 404 of a missing one
            assertThat(signed(path, "application/x-www-form-urlencoded", "text=").statusCode()).as(path).isIn(200, 400);
        }
    }

    @Test
    void should_answer_bad_payloads_with_400_and_unknown_routes_with_404() throws Exception {
        assertThat(signed("/slack/events", "application/json", "{not json").statusCode()).isEqualTo(400);
        assertThat(signed("/slack/events", "application/json", "[1]").statusCode()).isEqualTo(400);
        assertThat(signed("/slack/interactivity", "application/x-www-form-urlencoded", "payload=%7Bbad").statusCode()).isEqualTo(400);
        HttpResponse<String> noUrl = signed("/slack/commands", "application/x-www-form-urlencoded", form("command", "/ask", "text", "Who?"));
        assertThat(noUrl.statusCode()).isEqualTo(400);

        // without a Slack configuration the routes do not exist
        HttpServer plain = Servers.of(bot.chat()).loopbackOnly(true).build();
        plain.javalin().start("127.0.0.1", 0);
        try {
            var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plain.javalin().port() + "/slack/events"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(404);
        } finally {
            plain.javalin().stop();
        }
    }
}
