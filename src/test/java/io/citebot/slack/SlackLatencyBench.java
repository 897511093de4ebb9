package io.citebot.slack;

import com.slack.api.app_backend.SlackSignature;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Not part of the suite (no "Test" suffix): time from a signed {@code app_mention} event sent to our route to the
 * answer arriving at the fake Web API, over 100 mentions one after another, extractive mode, the seeds' index.
 * Run with {@code ./mvnw test -Dtest=SlackLatencyBench -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class SlackLatencyBench {

    static final String[] QUESTIONS = {"What did Dmitry Peskov say about negotiations?", "What did Putin offer?",
            "Who reported Putin's offer to mediate?", "What did Trump threaten to do to Iran?", "Who won the 2018 World Cup?"};

    @Test
    void mention_to_posted_answer() throws Exception {
        Path tmp = Files.createTempDirectory("slack-bench");
        try (Citebot bot = TestFiles.seedsBot(tmp.resolve("data")); FakeSlack slack = new FakeSlack()) {
            String secret = "bench-secret";
            SlackDoor door = new SlackDoor(bot.chat(), new SlackSettings(secret, "xoxb-bench", slack.apiUrl(), false, Set.of(), Set.of(), true, null),
                    "http://localhost:7070", Clock.systemUTC(), 2);
            HttpServer web = Servers.of(bot.chat()).loopbackOnly(true).door(door).build();
            web.javalin().start("127.0.0.1", 0);
            HttpClient http = HttpClient.newHttpClient();
            List<Double> ack = new ArrayList<>();
            List<Double> answered = new ArrayList<>();
            int warmup = 10;
            for (int i = 0; i < 100 + warmup; i++) {
                String ts = "1800001000." + String.format("%06d", i);
                String body = SlackDoorTest.envelope("{\"type\":\"app_mention\",\"user\":\"U42\",\"text\":\"<@UBOT> " + QUESTIONS[i % QUESTIONS.length]
                        + "\",\"ts\":\"" + ts + "\",\"channel\":\"C1\",\"event_ts\":\"" + ts + "\"}", "EvBench" + i);
                long now = System.currentTimeMillis() / 1000;
                String sig = new SlackSignature.Generator(secret).generate(String.valueOf(now), body);
                long t0 = System.nanoTime();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.javalin().port() + "/slack/events"))
                        .header("Content-Type", "application/json").header("X-Slack-Request-Timestamp", String.valueOf(now))
                        .header("X-Slack-Signature", sig).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                long t1 = System.nanoTime();
                if (r.statusCode() != 200) {
                    throw new AssertionError(r.body());
                }
                FakeSlack.Call post = slack.await("chat.postMessage", i + 1, Duration.ofSeconds(30)).get(i);
                if (i >= warmup) {
                    ack.add((t1 - t0) / 1e6);
                    answered.add((post.nanos() - t0) / 1e6);
                }
            }
            web.javalin().stop();
            door.close();
            System.out.printf("Slack mention → acknowledged: p50 %.1f ms, p99 %.1f ms; → answer posted: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms (n=%d)%n",
                    pct(ack, 50), pct(ack, 99), pct(answered, 50), pct(answered, 90), pct(answered, 99), answered.size());
        }
    }

    static double pct(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
