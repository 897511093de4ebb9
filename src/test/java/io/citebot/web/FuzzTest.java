package io.citebot.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.citebot.Citebot;
import io.citebot.Servers;
import io.citebot.TestFiles;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded, bounded fuzzing of every route and field over loopback: random and mutated requests must never get a
 * 5xx, every 4xx carries a JSON {@code error}, no body shows a stack trace, and the server answers correctly
 * afterwards. A failing request is printed with its seed and number, to be kept as a regression case.
 */
class FuzzTest {

    static final long SEED = 20261122L;
    static final int REQUESTS = 1500;

    @TempDir
    static Path tmp;

    static Citebot bot;
    static Javalin app;
    static final ObjectMapper json = new ObjectMapper();
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Strings that have broken servers: invisible, control, surrogate, long, markup, numbers, dates. */
    static final String[] NASTY = {"", " ", "\u200b", "\u00a0", "\u0000", "\ud800", "\udc00x", "\u202e", "\ufeff", "\t\n",
            "😀".repeat(1001), "x".repeat(2100), "<script>alert(1)</script>", "'; DROP TABLE t; --", "%00", "\\", "\"",
            "2025-02-30", "2025-04-04", "9999-99-99", "-1", "0", "1e309", "NaN", "hybrid", "bm25", "dense", "BM25", "fuzzy",
            "What did Putin offer?", "Summarize the news about Iran", "What happened last week?", "in April 2025",
            "Who won the 2018 World Cup?", "article", "passage", "../../etc/passwd", "javascript:alert(1)", "null", "{}"};
    static final String[] FIELDS = {"question", "conversationId", "mode", "from", "to", "source", "now", "k", "extra"};
    static final String[] CONTENT_TYPES = {"application/json", "application/json; charset=utf-8", "application/json; charset=bogus",
            "text/plain", "application/x-www-form-urlencoded", "multipart/form-data", "application/vnd.api+json", "", "*/*",
            "application/json; charset=\"UTF-8\"; boundary=x"};

    @BeforeAll
    static void start() throws Exception {
        bot = TestFiles.seedsBot(tmp.resolve("data"));
        app = Servers.of(bot.chat()).loopbackOnly(true).build().javalin().start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() throws Exception {
        app.stop();
        bot.close();
    }

    @Test
    void should_never_answer_5xx_or_a_non_json_error_to_random_requests() throws Exception {
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        int[] byClass = new int[6];
        String previous = "";
        for (int i = 0; i < REQUESTS; i++) {
            HttpRequest request = randomRequest(random);
            HttpResponse<String> r;
            try {
                r = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                failures.add("#" + i + " " + request + ": connection failed: " + e + " (after " + previous + ")");
                continue;
            }
            previous = request.method() + " " + request.uri() + " " + request.headers().map() + " -> " + r.statusCode() + " " + r.headers().map();
            byClass[r.statusCode() / 100]++;
            String problem = check(r);
            if (problem != null) {
                failures.add("seed " + SEED + " #" + i + " " + request.method() + " " + request.uri() + " -> " + r.statusCode()
                        + ": " + problem + " body " + r.body().substring(0, Math.min(200, r.body().length())));
            }
        }
        assertThat(failures).as("requests by status class %s", Arrays.toString(byClass)).isEmpty();
        assertThat(byClass[2]).as("some requests were valid").isPositive();
        assertThat(byClass[4]).as("some requests were refused").isPositive();

        // the server still answers correctly
        var after = http.send(post("/api/chat", "application/json", "{\"question\": \"What did Dmitry Peskov say about negotiations?\"}"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(json.readTree(after.body()).get("answer").asText()).contains("Peskov");
    }

    private static String check(HttpResponse<String> r) {
        if (r.statusCode() >= 500) {
            return "server error";
        }
        if (r.body().contains("Exception") || r.body().contains("\tat ") || r.body().contains("at io.citebot")) {
            return "stack trace in body";
        }
        if (r.statusCode() >= 400) {
            try {
                JsonNode b = json.readTree(r.body());
                JsonNode error = b == null ? null : b.get("error");
                // {"error": "..."}, or OpenAI's {"error": {"message": "..."}} under /v1
                String message = error == null ? "" : error.isObject() ? error.path("message").asText() : error.asText();
                if (message.isBlank()) {
                    return "4xx without {\"error\"}";
                }
            } catch (Exception e) {
                return "4xx body is not JSON";
            }
        }
        return null;
    }

    private static HttpRequest randomRequest(Random random) throws Exception {
        return switch (random.nextInt(12)) {
            case 8, 9 -> post("/v1/chat/completions", pick(random, CONTENT_TYPES), completion(random));
            case 10 -> post("/api/feedback", pick(random, CONTENT_TYPES), feedback(random));
            case 11 -> get(pick(random, new String[] {"/api/conversations/", "/articles/", "/v1/models/", "/api/feedback?limit="})
                    + enc(pick(random, NASTY)));
            case 0, 1 -> post("/api/chat", pick(random, CONTENT_TYPES), body(random));
            case 2 -> post("/api/chat/stream", pick(random, CONTENT_TYPES), body(random));
            case 3, 4 -> get("/api/search?" + query(random));
            case 5 -> get(pick(random, new String[] {"/api/articles", "/health", "/", "/app.js", "/api/nope", "/api/chat",
                    "/api/search", "/%2e%2e/%2e%2e/etc/passwd", "/api/articles?x=" + enc(pick(random, NASTY))}));
            case 6 -> HttpRequest.newBuilder(uri("/api/search?q=iran")).method(pick(random, new String[] {"PUT", "DELETE", "PATCH", "POST"}),
                    HttpRequest.BodyPublishers.ofString(pick(random, NASTY))).header("Content-Type", "application/json").build();
            default -> post("/api/chat", "application/json", mutate(random, "{\"question\": \"What did Putin offer?\", \"mode\": \"bm25\"}"));
        };
    }

    /** A chat completion request, valid or broken in one of the ways clients break them. */
    private static String completion(Random random) throws Exception {
        if (random.nextInt(5) == 0) {
            return mutate(random, "{\"model\": \"citebot\", \"messages\": [{\"role\": \"user\", \"content\": \"What did Putin offer?\"}]}");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (random.nextInt(8) != 0) {
            body.put("model", random.nextInt(6) == 0 ? pick(random, NASTY) : "citebot");
        }
        List<Object> messages = new ArrayList<>();
        for (int n = random.nextInt(4); n >= 0; n--) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("role", pick(random, new String[] {"user", "user", "assistant", "system", "tool", "robot", ""}));
            m.put("content", switch (random.nextInt(5)) {
                case 0 -> List.of(Map.of("type", pick(random, new String[] {"text", "image_url"}), "text", pick(random, NASTY)));
                case 1 -> random.nextInt();
                case 2 -> null;
                default -> pick(random, NASTY);
            });
            messages.add(random.nextInt(10) == 0 ? pick(random, NASTY) : m);
        }
        body.put("messages", random.nextInt(10) == 0 ? "messages" : messages);
        if (random.nextBoolean()) {
            body.put(pick(random, new String[] {"stream", "n", "tools", "response_format", "stream_options", "temperature"}),
                    switch (random.nextInt(4)) {
                        case 0 -> random.nextBoolean();
                        case 1 -> random.nextInt(5);
                        case 2 -> List.of(Map.of("type", "function"));
                        default -> Map.of("type", pick(random, new String[] {"text", "json_object"}), "include_usage", true);
                    });
        }
        return json.writeValueAsString(body);
    }

    /** A feedback request with random fields. */
    private static String feedback(Random random) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("conversationId", random.nextInt(4) == 0 ? random.nextInt() : pick(random, NASTY));
        body.put("rating", pick(random, new String[] {"up", "down", "meh", ""}));
        if (random.nextBoolean()) {
            body.put("turn", random.nextInt(3) == 0 ? pick(random, NASTY) : random.nextInt(10) - 2);
        }
        if (random.nextBoolean()) {
            body.put("comment", pick(random, NASTY));
        }
        return json.writeValueAsString(body);
    }

    /** A JSON object of random fields and values, or something that is not quite one. */
    private static String body(Random random) throws Exception {
        if (random.nextInt(6) == 0) {
            return pick(random, new String[] {"", "[]", "null", "42", "\"question\"", "{", "{\"question\": }", "{} {}",
                    "{\"question\": \"a\"} trailing", "{\"question\": \"\\ud800\"}", "{\"question\": [\"a\"]}"});
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("question", pick(random, NASTY));
        for (int n = random.nextInt(4); n > 0; n--) {
            String field = pick(random, FIELDS);
            fields.put(field, switch (random.nextInt(6)) {
                case 0 -> random.nextInt();
                case 1 -> List.of(pick(random, NASTY));
                case 2 -> Map.of("x", 1);
                case 3 -> null;
                default -> pick(random, NASTY);
            });
        }
        return json.writeValueAsString(fields);
    }

    private static String query(Random random) {
        StringBuilder q = new StringBuilder();
        for (int n = random.nextInt(5); n >= 0; n--) {
            String key = pick(random, new String[] {"q", "k", "mode", "from", "to", "source", "now", "collapse", "q"});
            String value = random.nextInt(4) == 0 ? String.valueOf(random.nextInt(300) - 100) : pick(random, NASTY);
            if (!q.isEmpty()) {
                q.append('&');
            }
            q.append(key).append('=').append(random.nextInt(10) == 0 ? "%FF%FE%E2%80%8B" : enc(value));
        }
        return q.toString();
    }

    /** Flips, drops or inserts a few characters of a valid body. */
    private static String mutate(Random random, String valid) {
        StringBuilder s = new StringBuilder(valid);
        for (int n = 1 + random.nextInt(3); n > 0 && !s.isEmpty(); n--) {
            int at = random.nextInt(s.length());
            switch (random.nextInt(3)) {
                case 0 -> s.deleteCharAt(at);
                case 1 -> s.insert(at, (char) random.nextInt(0x3000));
                default -> s.setCharAt(at, (char) (32 + random.nextInt(95)));
            }
        }
        return s.toString();
    }

    private static HttpRequest post(String path, String contentType, String body) {
        var b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (!contentType.isEmpty()) {
            b.header("Content-Type", contentType);
        }
        return b.build();
    }

    private static HttpRequest get(String pathAndQuery) {
        return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(30)).GET().build();
    }

    private static URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + app.port() + pathAndQuery);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
