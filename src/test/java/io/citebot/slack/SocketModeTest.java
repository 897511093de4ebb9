package io.citebot.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.citebot.Citebot;
import io.citebot.Servers;
import io.citebot.TestFiles;
import io.citebot.config.SlackSettings;
import io.citebot.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Socket Mode through Slack's own SDK client (Java-WebSocket backend): the bot opens {@code apps.connections.open}
 * with its app token on the fake Web API, connects to the fake's WebSocket end on loopback, acknowledges each
 * envelope, and answers with the same door as over HTTP.
 */
class SocketModeTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final ObjectMapper json = new ObjectMapper();

    @TempDir
    static Path tmp;

    static Citebot bot;
    static FakeSlack slack;
    static SlackDoor door;

    @BeforeAll
    static void start() throws Exception {
        bot = TestFiles.seedsBot(tmp.resolve("data"));
        slack = new FakeSlack();
        slack.startSocketMode();
        door = new SlackDoor(bot.chat(), new SlackSettings(null, "xoxb-test", slack.apiUrl(), false, Set.of(), Set.of(), true, "xapp-1-test"),
                "http://localhost:7070", Clock.systemUTC(), 2);
        door.start();
        long end = System.nanoTime() + WAIT.toNanos();
        while (!slack.socketConnected() && System.nanoTime() < end) {
            Thread.sleep(20);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        door.close();
        slack.close();
        bot.close();
    }

    @Test
    void should_connect_acknowledge_envelopes_and_answer_mentions_commands_and_buttons() throws Exception {
        assertThat(slack.socketConnected()).isTrue();
        assertThat(slack.calls("apps.connections.open").getFirst().authorization()).isEqualTo("Bearer xapp-1-test");

        // a mention, delivered as an events_api envelope
        slack.sendEnvelope("{\"envelope_id\":\"env-1\",\"type\":\"events_api\",\"accepts_response_payload\":false,\"retry_attempt\":0,"
                + "\"payload\":" + SlackDoorTest.envelope(SlackDoorTest.mention("C1", "1800000100.000100", null,
                "<@UBOT> What did Dmitry Peskov say about negotiations?"), "EvSocket1") + "}");
        assertThat(json.readTree(slack.awaitSocketMessage("env-1", WAIT)).get("envelope_id").asText()).isEqualTo("env-1");
        FakeSlack.Call post = slack.await("chat.postMessage", 1, WAIT).getFirst();
        assertThat(post.param("thread_ts")).isEqualTo("1800000100.000100");
        assertThat(post.param("text")).contains("Peskov").contains("[1]");

        // /ask: the acknowledgement carries the immediate reply, the answer goes to the response URL
        slack.sendEnvelope("{\"envelope_id\":\"env-2\",\"type\":\"slash_commands\",\"accepts_response_payload\":true,\"payload\":{"
                + "\"team_id\":\"T1\",\"channel_id\":\"C1\",\"user_id\":\"U42\",\"command\":\"/ask\",\"text\":\"What did Putin offer?\","
                + "\"response_url\":\"" + slack.responseUrl("sock") + "\",\"trigger_id\":\"1.2\"}}");
        JsonNode ack = json.readTree(slack.awaitSocketMessage("env-2", WAIT));
        assertThat(ack.get("payload").get("text").asText()).contains("What did Putin offer?");
        FakeSlack.Call answer = slack.await("response", 1, WAIT).getFirst();
        assertThat(answer.json().get("text").asText()).contains("[1]");

        // a button press, delivered as an interactive envelope
        String value = json.readTree(post.param("blocks")).findValues("value").getFirst().asText();
        slack.sendEnvelope("{\"envelope_id\":\"env-3\",\"type\":\"interactive\",\"accepts_response_payload\":false,\"payload\":{"
                + "\"type\":\"block_actions\",\"team\":{\"id\":\"T1\"},\"user\":{\"id\":\"U7\"},\"response_url\":\"" + slack.responseUrl("v")
                + "\",\"actions\":[{\"action_id\":\"citebot_vote_up\",\"block_id\":\"citebot_feedback\",\"value\":"
                + json.writeValueAsString(value) + ",\"type\":\"button\"}]}}");
        slack.awaitSocketMessage("env-3", WAIT);
        slack.await("response", 2, WAIT);
        assertThat(bot.chat().feedback(10)).anyMatch(e -> "T1:U7".equals(e.voter()) && e.rating().wire().equals("up"));
    }

    @Test
    void should_ship_a_socket_mode_manifest() throws Exception {
        String manifest = Files.readString(Path.of("slack/manifest-socket-mode.yml"));
        assertThat(manifest).contains("socket_mode_enabled: true", "- app_mention", "- message.im", "command: /ask", "- reactions:write")
                .doesNotContain("request_url", "example.org");
    }

    @Test
    void should_have_no_http_routes_without_a_signing_secret() throws Exception {
        HttpServer web = Servers.of(bot.chat()).loopbackOnly(true).door(door).build();
        web.javalin().start("127.0.0.1", 0);
        try {
            var r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.javalin().port() + "/slack/events"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(404);
        } finally {
            web.javalin().stop();
        }
    }
}
