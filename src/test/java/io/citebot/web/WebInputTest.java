package io.citebot.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.citebot.Citebot;
import io.citebot.Servers;
import io.citebot.TestFiles;
import io.citebot.http.AnswerGate;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The error contract at the edge, on a real server over loopback: every fault of the client's is a 4xx with a
 * {@code {"error"}} body, down to the ones Jetty answers before a route runs, and the server keeps answering.
 */
class WebInputTest {

    @TempDir
    static Path tmp;

    static Citebot bot;
    static Javalin app;
    static int port;
    static final ObjectMapper json = new ObjectMapper();
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        bot = TestFiles.seedsBot(tmp.resolve("data"));
        app = Servers.of(bot.chat()).build().javalin().start("127.0.0.1", 0);
        port = app.port();
    }

    @AfterAll
    static void stop() throws Exception {
        app.stop();
        bot.close();
    }

    private static HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> postJson(String path, String body) throws Exception {
        return post(path, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertJsonError(int status, int code, String body) throws IOException {
        assertThat(code).as(body).isEqualTo(status);
        JsonNode n = json.readTree(body);
        assertThat(n.get("error").asText()).isNotBlank();
        assertThat(body).doesNotContain("Exception", "at org.", "<html");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\u200b", "\\u00a0", "\\u0000", "\\ud800", "\\u200b\\u200d\\ufeff", "?!"})
    void should_refuse_questions_with_nothing_to_search_in_every_route(String escaped) throws Exception {
        String body = "{\"question\": \"" + escaped + "\"}";
        for (String path : new String[] {"/api/chat", "/api/chat/stream"}) {
            var r = postJson(path, body);
            assertJsonError(400, r.statusCode(), r.body());
        }
        String q = json.readTree(body).get("question").asText();
        var search = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/search?q="
                + URLEncoder.encode(q, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertJsonError(400, search.statusCode(), search.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/json; charset=bogus", "application/json; charset=iso-8859-1"})
    void should_take_json_only(String contentType) throws Exception {
        var r = post("/api/chat", contentType, "{\"question\": \"What did Putin offer?\"}".getBytes(StandardCharsets.UTF_8));
        assertJsonError(415, r.statusCode(), r.body());
        var missing = post("/api/chat", null, "{\"question\": \"What did Putin offer?\"}".getBytes(StandardCharsets.UTF_8));
        assertJsonError(415, missing.statusCode(), missing.body());
    }

    @Test
    void should_take_json_with_a_utf8_charset() throws Exception {
        var r = post("/api/chat", "application/json; charset=UTF-8", "{\"question\": \"What did Putin offer?\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void should_reject_trailing_text_and_bytes_that_are_not_utf8() throws Exception {
        var trailing = postJson("/api/chat", "{\"question\": \"What did Putin offer?\"} {\"again\": 1}");
        assertJsonError(400, trailing.statusCode(), trailing.body());
        byte[] latin1 = "{\"question\": \"Qu'a dit le pr\u00e9sident ?\"}".getBytes(StandardCharsets.ISO_8859_1);
        var notUtf8 = post("/api/chat", "application/json", latin1);
        assertJsonError(400, notUtf8.statusCode(), notUtf8.body());
        assertThat(notUtf8.body()).contains("UTF-8");
    }

    @Test
    void should_say_a_body_nests_too_deeply_without_naming_the_parser() throws Exception {
        var r = postJson("/api/chat", "{\"question\": " + "[".repeat(1500) + "]".repeat(1500) + "}");
        assertJsonError(400, r.statusCode(), r.body());
        assertThat(r.body()).contains("nested too deeply").doesNotContain("StreamReadConstraints", "`");
    }

    @Test
    void should_count_question_length_in_characters_not_utf16_units() throws Exception {
        // 1,001 emoji are 2,002 UTF-16 units but 1,001 characters: under the 2,000 limit
        var r = postJson("/api/chat", "{\"question\": \"Putin " + "😀".repeat(1001) + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    void should_answer_server_level_errors_as_json() throws Exception {
        assertRaw("GARBAGE\r\n\r\n", 400);
        assertRaw("GET /api/search?q=" + "a".repeat(70_000) + " HTTP/1.1\r\nHost: x\r\n\r\n", 414);
        assertRaw("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(70_000) + "\r\n\r\n", 431);
        assertRaw("GET /health HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n", 400);
        // found by FuzzTest (seed 20261122): Jetty closed the connection after this 400 without saying so, and
        // the client's next request on it failed
        assertRaw("GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n", 400);
        // once empty-bodied, without security headers: malformed paths under every method, HTTP/2 prior knowledge
        for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "HEAD")) {
            assertRaw(method + " /x%ff HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", 400, !method.equals("HEAD"));
        }
        assertRaw("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 426);
        var ambiguous = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/%2e%2e/%2e%2e/etc/passwd")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ambiguous.headers().firstValue("Connection")).contains("close");
    }

    @Test
    void should_answer_a_cut_off_body_and_a_bad_chunk_with_400_and_keep_serving() throws Exception {
        assertRaw("POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "zz\r\n{}\r\n0\r\n\r\n", 400);
        assertRaw("POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"question\":", 400);
        var after = postJson("/api/chat", "{\"question\": \"What did Putin offer?\"}");
        assertThat(after.statusCode()).isEqualTo(200);
    }

    private static void assertRaw(String request, int status) throws IOException {
        assertRaw(request, status, true);
    }

    /** Sends raw bytes (half-closing the connection after them) and checks the status line, headers and the JSON body. */
    private static void assertRaw(String request, int status, boolean hasBody) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            s.shutdownOutput();
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            in.transferTo(buf);
            String response = buf.toString(StandardCharsets.UTF_8);
            assertThat(response).as(request.substring(0, Math.min(60, request.length()))).startsWith("HTTP/1.1 " + status);
            assertThat(response).as(request).containsIgnoringCase("content-type: application/json")
                    .containsIgnoringCase("x-content-type-options: nosniff");
            if (!hasBody) {
                return;
            }
            String body = response.substring(response.indexOf("\r\n\r\n") + 4);
            assertThat(json.readTree(body).get("error").asText()).isNotBlank();
            assertThat(body).doesNotContain("<html", "Exception");
        }
    }

    @Test
    void should_send_security_headers_on_pages_answers_and_errors() throws Exception {
        for (String path : new String[] {"/", "/app.js", "/health", "/api/nope"}) {
            var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(v ->
                    assertThat(v).contains("script-src 'self'", "frame-ancestors 'none'"));
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
            assertThat(r.headers().firstValue("Referrer-Policy")).as(path).isPresent();
        }
    }

    @Test
    void should_refuse_other_host_names_and_foreign_origins_while_bound_to_loopback() throws Exception {
        Javalin local = Servers.of(bot.chat()).loopbackOnly(true).build().javalin().start("127.0.0.1", 0);
        try {
            // a rebound DNS name reaches 127.0.0.1 with its own Host header
            String rebound = "GET /api/articles HTTP/1.1\r\nHost: attacker.example:" + local.port() + "\r\nConnection: close\r\n\r\n";
            assertThat(rawTo(local.port(), rebound)).startsWith("HTTP/1.1 403").contains("\"error\"");
            // a page of another site posting to the API
            String foreign = "POST /api/chat HTTP/1.1\r\nHost: 127.0.0.1:" + local.port() + "\r\nOrigin: https://attacker.example\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}";
            assertThat(rawTo(local.port(), foreign)).startsWith("HTTP/1.1 403");
            // our own page, by every loopback name
            for (String host : new String[] {"localhost", "127.0.0.1", "[::1]"}) {
                String own = "GET /health HTTP/1.1\r\nHost: " + host + ":" + local.port() + "\r\nOrigin: http://" + host + ":"
                        + local.port() + "\r\nConnection: close\r\n\r\n";
                assertThat(rawTo(local.port(), own)).as(host).startsWith("HTTP/1.1 200");
            }
        } finally {
            local.stop();
        }
    }

    private static String rawTo(int port, String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void should_answer_503_with_retry_after_when_no_answering_turn_comes() throws Exception {
        Javalin full = Servers.of(bot.chat()).loopbackOnly(true).gate(new AnswerGate(0, Duration.ofMillis(50))).build().javalin().start("127.0.0.1", 0);
        Javalin one = Servers.of(bot.chat()).loopbackOnly(true).gate(new AnswerGate(1, Duration.ofSeconds(5))).build().javalin().start("127.0.0.1", 0);
        try {
            var busy = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + full.port() + "/api/chat"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"What did Putin offer?\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertJsonError(503, busy.statusCode(), busy.body());
            assertThat(busy.headers().firstValue("Retry-After")).contains("2");
            var health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + full.port() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as("health is never gated").isEqualTo(200);

            // one turn at a time still answers everyone in order: turns are given back, also after a 400
            for (String q : new String[] {"What did Putin offer?", "\u200b", "What did Dmitry Peskov say?"}) {
                var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + one.port() + "/api/chat"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"" + q + "\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(q).isIn(200, 400);
            }
            var last = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + one.port() + "/api/search?q=Putin")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(last.statusCode()).isEqualTo(200);
        } finally {
            full.stop();
            one.stop();
        }
    }
}
