package io.citebot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.citebot.chat.SearchOptions;
import io.citebot.config.Config;
import io.citebot.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup taken while clients chat and vote holds every write acknowledged before it began, and the restored
 * data folder continues those conversations.
 */
class BackupUnderLoadTest {

    @TempDir
    Path tmp;

    @Test
    void should_hold_every_write_acknowledged_before_the_backup_began() throws Exception {
        ObjectMapper json = new ObjectMapper();
        HttpClient http = HttpClient.newHttpClient();
        Map<String, Long> turnAckedAt = new ConcurrentHashMap<>();
        Map<Long, Long> voteAckedAt = new ConcurrentHashMap<>();
        Path backup = tmp.resolve("data/backups/under-load");
        long backupBegan;
        try (Citebot bot = TestFiles.seedsBot(tmp.resolve("data"))) {
            HttpServer web = Servers.of(bot.chat()).loopbackOnly(true).build().withBackups(Backups.forServer(bot), tmp.resolve("data/backups"), null);
            web.javalin().start("127.0.0.1", 0);
            String base = "http://127.0.0.1:" + web.javalin().port();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                clients.add(Thread.ofPlatform().start(() -> {
                    String conversation = null;
                    int turns = 0;
                    while (!stop.get()) {
                        try {
                            String body = conversation == null ? "{\"question\": \"What did Putin offer?\"}"
                                    : "{\"question\": \"And Iran?\", \"conversationId\": \"" + conversation + "\"}";
                            HttpResponse<String> r = post(http, base + "/api/chat", body);
                            if (r.statusCode() != 200) {
                                continue;
                            }
                            conversation = json.readTree(r.body()).get("conversationId").asText();
                            turns++;
                            turnAckedAt.put(conversation + "#" + turns, System.nanoTime());
                            HttpResponse<String> v = post(http, base + "/api/feedback", "{\"conversationId\": \"" + conversation + "\", \"rating\": \"up\"}");
                            if (v.statusCode() == 201) {
                                voteAckedAt.put(json.readTree(v.body()).get("id").asLong(), System.nanoTime());
                            }
                            if (turns == 3) {
                                conversation = null;
                                turns = 0;
                            }
                        } catch (Exception e) {
                            return;
                        }
                    }
                }));
            }
            for (int i = 0; i < 300 && (turnAckedAt.size() < 8 || voteAckedAt.size() < 4); i++) {
                Thread.sleep(100);
            }
            backupBegan = System.nanoTime();
            HttpResponse<String> made = post(http, base + "/api/admin/backup", "{\"dir\": \"under-load\"}");
            assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
            Thread.sleep(500);
            stop.set(true);
            for (Thread t : clients) {
                t.join();
            }
            web.javalin().stop();
        }

        // restored into a new data folder
        Map<String, String> env = Map.of("CITEBOT_DATA_DIR", tmp.resolve("restored").toString(), "CITEBOT_SEEDS_DIR", TestFiles.SEEDS.toString(),
                "CITEBOT_CONFIG", TestFiles.FIXTURES.resolve("empty.properties").toString());
        Backups.restore(backup, Config.load(env));
        try (Citebot restored = Citebot.open(Config.load(env), false, TestFiles.embedder())) {
            List<String> missing = new ArrayList<>();
            turnAckedAt.forEach((key, at) -> {
                if (at < backupBegan) {
                    String id = key.substring(0, key.indexOf('#'));
                    int turn = Integer.parseInt(key.substring(key.indexOf('#') + 1));
                    if (restored.chat().history(id).size() < turn) {
                        missing.add("turn " + key);
                    }
                }
            });
            var votes = restored.chat().feedback(1000).stream().map(f -> f.id()).toList();
            voteAckedAt.forEach((id, at) -> {
                if (at < backupBegan && !votes.contains(id)) {
                    missing.add("vote " + id);
                }
            });
            assertThat(turnAckedAt.values().stream().filter(at -> at < backupBegan).count()).as("turns before the backup").isGreaterThanOrEqualTo(8);
            assertThat(missing).isEmpty();
            // and a conversation from before the backup goes on
            String someId = turnAckedAt.entrySet().stream().filter(e -> e.getValue() < backupBegan).findFirst().orElseThrow()
                    .getKey().split("#")[0];
            assertThat(restored.chat().ask("How did Iran respond?", someId, SearchOptions.DEFAULT).turn()).isGreaterThan(1);
        }
    }

    private static HttpResponse<String> post(HttpClient http, String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
