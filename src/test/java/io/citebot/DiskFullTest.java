package io.citebot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.citebot.config.Config;
import io.citebot.http.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk, for real: the data folder on a small tmpfs (mounted by the test; it needs root, as in CI) filled to
 * the last byte. An answer that cannot be stored is not acknowledged (503 JSON), {@code /health} says why, and
 * everything works again once there is room.
 */
class DiskFullTest {

    @TempDir
    Path tmp;

    private Path disk;
    private boolean mounted;

    @BeforeEach
    void mount() throws Exception {
        disk = Files.createDirectories(tmp.resolve("disk"));
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", disk.toString()).redirectErrorStream(true).start();
        mounted = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        String why = new String(p.getInputStream().readAllBytes());
        if (!mounted && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI runs as root and must mount the tmpfs: " + why);
        }
        assumeTrue(mounted, "mounting a tmpfs needs root: " + why);
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            new ProcessBuilder("umount", "-l", disk.toString()).start().waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void should_refuse_to_acknowledge_what_it_cannot_store_and_recover_when_room_returns() throws Exception {
        ObjectMapper json = new ObjectMapper();
        HttpClient http = HttpClient.newHttpClient();
        try (Citebot bot = TestFiles.seedsBot(disk.resolve("data"))) {
            HttpServer web = Servers.of(bot.chat()).loopbackOnly(true).build();
            web.javalin().start("127.0.0.1", 0);
            String base = "http://127.0.0.1:" + web.javalin().port();
            try {
                assertThat(chat(http, base).statusCode()).isEqualTo(200);

                // when: the disk is full
                Path filler = fillDisk();

                // then: what still fits in the journal's last block is stored and acknowledged; then no acknowledgement
                // of what could not be stored, and /health says why
                HttpResponse<String> refused = null;
                for (int i = 0; i < 50 && refused == null; i++) {
                    HttpResponse<String> r = chat(http, base);
                    if (r.statusCode() == 200) {
                        assertThat(bot.chat().history(json.readTree(r.body()).get("conversationId").asText())).hasSize(1);
                    } else {
                        refused = r;
                    }
                }
                assertThat(refused).as("a refusal once the disk has no room").isNotNull();
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Retry-After")).isPresent();
                assertThat(json.readTree(refused.body()).get("error").asText()).contains("could not be saved");
                JsonNode health = json.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                assertThat(health.get("problems").toString()).contains("conversation store cannot write");

                // and when room returns, it answers and stores again, and /health is clear
                Files.delete(filler);
                HttpResponse<String> again = chat(http, base);
                assertThat(again.statusCode()).isEqualTo(200);
                String id = json.readTree(again.body()).get("conversationId").asText();
                assertThat(bot.chat().history(id)).hasSize(1);
                JsonNode clear = json.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                assertThat(clear.path("problems").toString()).doesNotContain("conversation store");

                // and the journal a crash now would be rebuilt from holds no piece of the write that failed: every line
                // is a whole entry (a torn line would end the replay there), the turn acknowledged last among them
                List<String> lines = Files.readAllLines(disk.resolve("data").resolve("conversations.journal"));
                for (String line : lines) {
                    assertThat(json.readTree(line).isObject()).as("a whole entry: %s", line).isTrue();
                }
                assertThat(lines).anyMatch(l -> l.contains(id));
            } finally {
                web.javalin().stop();
            }
        }
    }

    @Test
    void should_resume_a_failed_ingest_by_itself_when_room_returns() throws Exception {
        Path seeds = TestFiles.copyTree(TestFiles.SEEDS, tmp.resolve("seeds"));
        var config = Config.load(Map.of("CITEBOT_DATA_DIR", disk.resolve("data").toString(),
                "CITEBOT_SEEDS_DIR", seeds.toString(), "CITEBOT_CONFIG", TestFiles.FIXTURES.resolve("empty.properties").toString()));
        try (Citebot bot = Citebot.open(config, false, TestFiles.embedder())) {
            bot.syncSeeds();
            // given: a full disk and a new article in the folder
            Path filler = fillDisk();
            StringBuilder text = new StringBuilder("Harbor tugboat retired\n\n");
            for (int i = 0; i < 200; i++) {
                text.append("The harbor's oldest tugboat, the Valkyrie, was retired on Friday after 61 years of service. ");
            }
            Files.writeString(seeds.resolve("tugboat.txt"), text);

            // when: the ingest fails, it says so and tries again by itself
            Thread ingest = Thread.ofPlatform().start(() -> bot.syncSeedsUntilDone(Duration.ofMillis(500)));
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (bot.chat().status().problems().stream().noneMatch(p -> p.startsWith("ingest failed")) && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(bot.chat().status().problems()).anyMatch(p -> p.startsWith("ingest failed") && p.contains("trying again"));
                assertThat(bot.chat().status().ready()).isFalse();

                // then: once there is room, it finishes without a restart
                Files.delete(filler);
                ingest.join(60_000);
                assertThat(ingest.isAlive()).isFalse();
                assertThat(bot.chat().status().ready()).isTrue();
                assertThat(bot.chat().status().articles()).isEqualTo(3);
                assertThat(bot.chat().status().problems()).noneMatch(p -> p.startsWith("ingest failed"));
            } finally {
                ingest.interrupt();
            }
        }
    }

    /** Fills the tmpfs to its last byte; returns the file to delete for room. */
    private Path fillDisk() throws IOException {
        Path filler = disk.resolve("filler");
        try (OutputStream out = Files.newOutputStream(filler)) {
            byte[] block = new byte[64 * 1024];
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            return filler; // no space left on device
        }
    }

    private static HttpResponse<String> chat(HttpClient http, String base) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/chat")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"What did Putin offer?\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
