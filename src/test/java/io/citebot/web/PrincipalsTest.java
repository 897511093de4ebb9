package io.citebot.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.citebot.Backups;
import io.citebot.Citebot;
import io.citebot.Servers;
import io.citebot.TestFiles;
import io.citebot.config.ApiSettings;
import io.citebot.http.HttpServer;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static io.citebot.web.ArticlesApiTest.send;
import static org.assertj.core.api.Assertions.assertThat;

/** Keys are principals: a conversation and its feedback are their key's; the admin role; every spelling of a path guarded. */
class PrincipalsTest {

    static final String K1 = "ck-alice-0123456789abcdef";
    static final String K2 = "ck-bob-0123456789abcdef0";
    static final String ADMIN = "ck-admin-0123456789abcdef";
    static final ObjectMapper json = new ObjectMapper();

    @TempDir
    static Path tmp;

    static Citebot bot;
    static HttpServer web;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        bot = TestFiles.seedsBot(tmp.resolve("data"));
        ApiSettings api = new ApiSettings(Set.of(K1, K2), 0, List.of(), true).withAdminKeys(Set.of(ADMIN));
        web = Servers.of(bot.chat(), bot.articles()).loopbackOnly(true).api(api).build()
                .withBackups(Backups.forServer(bot), tmp.resolve("backups"), "local-token-0123456789");
        web.javalin().start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + web.javalin().port();
    }

    @AfterAll
    static void stop() throws Exception {
        web.javalin().stop();
        bot.close();
    }

    static JsonNode body(HttpResponse<String> r) throws Exception {
        return json.readTree(r.body());
    }

    @Test
    void should_keep_a_keys_conversation_and_feedback_from_another_key() throws Exception {
        // given a conversation started with k1
        HttpResponse<String> first = send(base, "POST", "/api/chat", Map.of("question", "What did Putin offer?"), K1);
        assertThat(first.statusCode()).isEqualTo(200);
        String id = body(first).get("conversationId").asText();

        // then k2 can neither read, continue nor rate it: it is as unknown as a made-up id
        assertThat(send(base, "GET", "/api/conversations/" + id, null, K2).statusCode()).isEqualTo(404);
        HttpResponse<String> continued = send(base, "POST", "/api/chat", Map.of("question", "And Iran?", "conversationId", id), K2);
        assertThat(continued.statusCode()).isEqualTo(400);
        assertThat(body(continued).get("error").asText()).contains("unknown or expired conversationId");
        assertThat(send(base, "POST", "/api/feedback", Map.of("conversationId", id, "rating", "down"), K2).statusCode()).isEqualTo(400);
        assertThat(bot.chat().history("key:nobody", id)).isEmpty();

        // while k1 reads, continues and rates it
        assertThat(send(base, "GET", "/api/conversations/" + id, null, K1).statusCode()).isEqualTo(200);
        assertThat(send(base, "POST", "/api/chat", Map.of("question", "How did Iran respond?", "conversationId", id), K1).statusCode())
                .isEqualTo(200);
        assertThat(send(base, "POST", "/api/feedback", Map.of("conversationId", id, "rating", "up", "comment", "k1's vote"), K1)
                .statusCode()).isEqualTo(201);
        assertThat(body(send(base, "GET", "/api/conversations/" + id, null, K1)).get("turns")).hasSize(2);
    }

    @Test
    void should_give_all_feedback_metrics_and_writes_to_the_admin_role_only() throws Exception {
        String id = body(send(base, "POST", "/api/chat", Map.of("question", "What did Putin offer?"), K1)).get("conversationId").asText();
        send(base, "POST", "/api/feedback", Map.of("conversationId", id, "rating", "down", "comment", "private note"), K1);

        for (String key : List.of(K1, K2)) {
            HttpResponse<String> feedback = send(base, "GET", "/api/feedback", null, key);
            assertThat(feedback.statusCode()).isEqualTo(403);
            assertThat(feedback.body()).doesNotContain("private note").contains("CITEBOT_ADMIN_KEYS");
            assertThat(send(base, "GET", "/metrics", null, key).statusCode()).isEqualTo(403);
            assertThat(send(base, "DELETE", "/api/articles/" + TestFiles.SEED_PUTIN, null, key).statusCode()).isEqualTo(403);
        }
        // without limit (the README's own example once answered 500)
        HttpResponse<String> all = send(base, "GET", "/api/feedback", null, ADMIN);
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.body()).contains("private note");
        assertThat(send(base, "GET", "/metrics", null, ADMIN).body()).contains("citebot_index_passages")
                .containsPattern("citebot_stage_seconds_count\\{stage=\"storage\"} [1-9]");
    }

    @Test
    void should_guard_every_spelling_of_every_route_without_a_key() throws Exception {
        List<String> opened = new ArrayList<>();
        for (String route : web.routes()) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1).replace("{id}", "x1").replace("{model}", "citebot");
            boolean open = path.equals("/health") || path.equals("/openapi.json") || path.startsWith("/articles/");
            if (open) {
                continue;
            }
            List<String> spellings = List.of(path, path + "/", path + "//", "/" + path, path.toUpperCase(Locale.ROOT),
                    "/%" + Integer.toHexString(path.charAt(1)) + path.substring(2), path + "?x=1", path + "/.", path.replaceFirst("/", "/./"));
            for (String spelling : spellings) {
                RawResponse r = raw(method, spelling);
                if (r.statusCode() < 300 || r.body().contains("citebot_") || r.body().contains("\"feedback\"")) {
                    opened.add(method + " " + spelling + " -> " + r.statusCode());
                }
            }
        }
        assertThat(opened).isEmpty();
    }

    @Test
    void should_back_up_under_the_backup_folder_only_with_files_for_the_owner_only() throws Exception {
        assertThat(send(base, "POST", "/api/admin/backup", Map.of("dir", "b1"), K1).statusCode()).isEqualTo(403);
        for (String outside : List.of("../escape", tmp.resolve("elsewhere").toString(), "/tmp", ".")) {
            assertThat(send(base, "POST", "/api/admin/backup", Map.of("dir", outside), ADMIN).statusCode()).as(outside).isEqualTo(403);
        }
        for (String bad : List.of("\u0000", "b\u0000c")) {
            HttpResponse<String> r = send(base, "POST", "/api/admin/backup", Map.of("dir", bad), ADMIN);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(body(r).get("error").asText()).contains("dir");
        }
        HttpResponse<String> made = send(base, "POST", "/api/admin/backup", Map.of("dir", "b1"), ADMIN);
        assertThat(made.statusCode()).isEqualTo(201);
        Path dir = tmp.resolve("backups/b1");
        assertThat(dir.resolve("backup.json")).exists();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.toList()) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).as(p.toString())
                        .isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
            }
        }
        // the local token (from the data folder's server.json) may write where it is told, but not onto a device
        HttpResponse<String> device = http(HttpRequest.newBuilder(URI.create(base + "/api/admin/backup"))
                .header(HttpServer.LOCAL_TOKEN_HEADER, "local-token-0123456789").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"dir\": \"/dev/null\"}")));
        assertThat(device.statusCode()).isEqualTo(400);
        HttpResponse<String> wrongToken = http(HttpRequest.newBuilder(URI.create(base + "/api/admin/backup"))
                .header(HttpServer.LOCAL_TOKEN_HEADER, "guess").header("Authorization", "Bearer " + K1).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"dir\": \"" + tmp.resolve("b2") + "\"}")));
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        assertThat(tmp.resolve("b2")).doesNotExist();
    }

    private static HttpResponse<String> http(HttpRequest.Builder b) throws Exception {
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request with the path exactly as written (no normalisation by the client). */
    private static RawResponse raw(String method, String path) throws Exception {
        try (var socket = new Socket("127.0.0.1", web.javalin().port())) {
            socket.setSoTimeout(10_000);
            String body = method.equals("GET") || method.equals("DELETE") ? "" : "{}";
            String req = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length() + "\r\nConnection: close\r\n\r\n" + body;
            socket.getOutputStream().write(req.getBytes(StandardCharsets.UTF_8));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            String content = response.contains("\r\n\r\n") ? response.substring(response.indexOf("\r\n\r\n") + 4) : "";
            return new RawResponse(status, content);
        }
    }

    private record RawResponse(int statusCode, String body) {
    }
}
