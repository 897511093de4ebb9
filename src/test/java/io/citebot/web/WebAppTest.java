package io.citebot.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.citebot.Citebot;
import io.citebot.Servers;
import io.citebot.TestFiles;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP door on a real server (port 0), over a real index of the seeds. */
class WebAppTest {

    @TempDir
    static Path tmp;

    static Citebot bot;
    static final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        bot = TestFiles.seedsBot(tmp.resolve("data"));
    }

    @AfterAll
    static void stop() throws Exception {
        bot.close();
    }

    private static JsonNode body(Response r) throws Exception {
        return json.readTree(r.body().string());
    }

    @Test
    void should_answer_a_question_with_citations_and_a_conversation_id() {
        JavalinTest.test(Servers.of(bot.chat()).build().javalin(), (server, client) -> {
            // when
            Response r = client.post("/api/chat", Map.of("question", "What did Dmitry Peskov say about negotiations?"));

            // then
            assertThat(r.code()).isEqualTo(200);
            JsonNode b = body(r);
            assertThat(b.get("conversationId").asText()).isNotBlank();
            assertThat(b.get("refused").asBoolean()).isFalse();
            assertThat(b.get("answer").asText()).contains("Peskov").contains("[1]");
            JsonNode c = b.get("citations").get(0);
            assertThat(c.get("n").asInt()).isEqualTo(1);
            assertThat(c.get("articleId").asText()).isEqualTo(TestFiles.SEED_PUTIN);
            assertThat(c.get("passageId").asText()).startsWith(TestFiles.SEED_PUTIN + "#");
            assertThat(c.get("source").asText()).isEqualTo("www.telegraph.co.uk");
            assertThat(c.has("date")).isTrue();
            assertThat(c.has("url")).isTrue();
            assertThat(c.get("text").asText()).contains("negotiations");
        });
    }

    @Test
    void should_refuse_a_conversation_id_it_did_not_issue_and_refuse_what_the_articles_do_not_cover() {
        JavalinTest.test(Servers.of(bot.chat()).build().javalin(), (server, client) -> {
            // a guessed id ("conv-42", "alice") neither continues nor reveals anyone's conversation
            Response guessed = client.post("/api/chat", Map.of("question", "Who won the 2018 World Cup?", "conversationId", "conv-42"));
            assertThat(guessed.code()).isEqualTo(400);
            assertThat(body(guessed).get("error").asText()).contains("unknown or expired conversationId");

            Response r = client.post("/api/chat", Map.of("question", "Who won the 2018 World Cup?"));
            JsonNode b = body(r);
            assertThat(r.code()).isEqualTo(200);
            assertThat(b.get("conversationId").asText()).matches("[0-9a-f-]{36}");
            assertThat(b.get("refused").asBoolean()).isTrue();
            assertThat(b.get("citations")).isEmpty();
        });
    }

    @Test
    void should_search_list_articles_and_report_health() {
        JavalinTest.test(Servers.of(bot.chat()).build().javalin(), (server, client) -> {
            JsonNode search = body(client.get("/api/search?q=Kremlin%20Peskov&k=3"));
            assertThat(search.get("results")).hasSize(3);
            JsonNode first = search.get("results").get(0);
            assertThat(first.fieldNames()).toIterable().contains("articleId", "passageId", "title", "source", "date", "score", "text");

            JsonNode articles = body(client.get("/api/articles")).get("articles");
            assertThat(articles).hasSize(2);
            assertThat(articles.findValuesAsText("id")).containsExactlyInAnyOrder(TestFiles.SEED_RUSSIA, TestFiles.SEED_PUTIN);
            assertThat(articles.findValuesAsText("date")).contains("2025-04-04");
            assertThat(body(client.get("/api/articles")).has("next")).isFalse();
            // a page at a time, in id order
            JsonNode page1 = body(client.get("/api/articles?limit=1"));
            assertThat(page1.get("articles")).hasSize(1);
            String firstId = page1.get("articles").get(0).get("id").asText();
            assertThat(page1.get("next").asText()).isEqualTo(firstId);
            JsonNode page2 = body(client.get("/api/articles?limit=1&after=" + firstId));
            assertThat(page2.get("articles").get(0).get("id").asText()).isGreaterThan(firstId);
            JsonNode page3 = body(client.get("/api/articles?limit=1&after=" + page2.get("next").asText()));
            assertThat(page3.get("articles")).isEmpty();
            assertThat(page3.has("next")).isFalse();
            for (String bad : List.of("limit=0", "limit=1001", "limit=ten")) {
                assertThat(client.get("/api/articles?" + bad).code()).as(bad).isEqualTo(400);
            }

            JsonNode health = body(client.get("/health"));
            assertThat(health.get("status").asText()).isEqualTo("ok");
            assertThat(health.get("ready").asBoolean()).isTrue();
            assertThat(health.get("articles").asInt()).isEqualTo(2);
            assertThat(health.get("passages").asInt()).isGreaterThan(8);

            // while the embedding model loads (the first second of a start), the server listens but is not ready
            bot.chat().readyWhen(() -> false);
            try {
                assertThat(body(client.get("/health")).get("ready").asBoolean()).isFalse();
            } finally {
                bot.chat().readyWhen(() -> true);
            }
            assertThat(body(client.get("/health")).get("ready").asBoolean()).isTrue();
        });
    }

    @Test
    void should_filter_search_by_date_and_source_and_take_a_mode() {
        JavalinTest.test(Servers.of(bot.chat()).build().javalin(), (server, client) -> {
            JsonNode dated = body(client.get("/api/search?q=Iran%20Kremlin&k=10&from=2025-04-01&to=2025-04-30"));
            assertThat(dated.get("results").findValuesAsText("articleId")).isNotEmpty().containsOnly(TestFiles.SEED_RUSSIA);

            JsonNode bySource = body(client.get("/api/search?q=Iran&k=10&source=www.Telegraph.co.uk&mode=bm25"));
            assertThat(bySource.get("results").findValuesAsText("articleId")).isNotEmpty().containsOnly(TestFiles.SEED_PUTIN);

            Response chat = client.post("/api/chat", Map.of("question", "What did the Kremlin say about Iran?", "from", "2025-04-01",
                    "to", "2025-04-30", "mode", "dense"));
            assertThat(body(chat).get("citations").findValuesAsText("articleId")).isNotEmpty().containsOnly(TestFiles.SEED_RUSSIA);
        });
    }

    @Test
    void should_reject_bad_filters_with_400() {
        JavalinTest.test(Servers.of(bot.chat()).build().javalin(), (server, client) -> {
            for (String url : new String[] {"/api/search?q=iran&from=April", "/api/search?q=iran&to=2025-13-01",
                    "/api/search?q=iran&from=2025-05-01&to=2025-04-01", "/api/search?q=iran&mode=fuzzy"}) {
                Response r = client.get(url);
                assertThat(r.code()).as(url).isEqualTo(400);
                assertThat(body(r).get("error").asText()).as(url).isNotBlank();
            }
            Response chat = client.post("/api/chat", Map.of("question", "Iran?", "mode", "magic"));
            assertThat(chat.code()).isEqualTo(400);
            assertThat(body(chat).get("error").asText()).contains("mode must be bm25, dense or hybrid");
        });
    }

    @Test
    void should_stream_an_extractive_answer_as_server_sent_events() {
        JavalinTest.test(Servers.of(bot.chat()).build().javalin(), (server, client) -> {
            Response r = client.post("/api/chat/stream", Map.of("question", "What did Dmitry Peskov say about negotiations?"));
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.headers().get("Content-Type")).anyMatch(v -> v.startsWith("text/event-stream"));
            List<String[]> events = Sse.parse(r.body().string());
            assertThat(events).extracting(e -> e[0]).containsExactly("token", "done");
            JsonNode done = json.readTree(events.get(1)[1]);
            assertThat(json.readTree(events.get(0)[1]).get("text").asText()).isEqualTo(done.get("answer").asText());
            assertThat(done.get("citations")).isNotEmpty();
            assertThat(done.get("searchedFor").asText()).isEqualTo("What did Dmitry Peskov say about negotiations?");
        });
    }

    @Test
    void should_reject_a_bad_stream_request_with_a_json_400_before_streaming() {
        JavalinTest.test(Servers.of(bot.chat()).build().javalin(), (server, client) -> {
            Response r = client.post("/api/chat/stream", "{\"question\": 5}", req -> req.header("Content-Type", "application/json"));
            assertThat(r.code()).isEqualTo(400);
            assertThat(body(r).get("error").asText()).contains("must be a string");
        });
    }

    @Test
    void should_lead_with_a_short_answer_when_a_name_is_asked_for() {
        JavalinTest.test(Servers.of(bot.chat()).build().javalin(), (server, client) -> {
            JsonNode who = body(client.post("/api/chat", Map.of("question", "Who is the spokesman of the Kremlin?")));
            assertThat(who.get("shortAnswer").get("text").asText()).isEqualTo("Dmitry Peskov");
            int n = who.get("shortAnswer").get("citations").get(0).asInt();
            // the short answer cites a sentence of the answer that says it
            assertThat(who.get("answer").asText()).contains("Dmitry Peskov").contains("[" + n + "]");
            // a question that asks for no name, date or number gets none
            JsonNode what = body(client.post("/api/chat", Map.of("question", "What did Putin offer?")));
            assertThat(what.has("shortAnswer")).isFalse();
            // the sentence that says what was offered leads, not one about the offer's reception
            assertThat(what.get("answer").asText()).startsWith("Vladimir Putin has extended an offer");
        });
    }

    @Test
    void should_not_pass_old_coverage_off_as_this_years() {
        JavalinTest.test(Servers.of(bot.chat()).build().javalin(), (server, client) -> {
            // the seeds are from April 2025
            JsonNode then = body(client.post("/api/chat", Map.of("question", "What did Peskov say about negotiations this year?", "now", "2025-04-10")));
            assertThat(then.get("refused").asBoolean()).isFalse();
            JsonNode later = body(client.post("/api/chat", Map.of("question", "What did Peskov say about negotiations this year?", "now", "2026-12-06")));
            assertThat(later.get("answer").asText()).startsWith("The articles I have on this are from April 2025, not from 2026;")
                    .endsWith(then.get("answer").asText());
            assertThat(then.get("answer").asText()).doesNotContain("The articles I have on this");
        });
    }

    @Test
    void should_carry_a_conversation_into_a_follow_up_question() {
        JavalinTest.test(Servers.of(bot.chat()).build().javalin(), (server, client) -> {
            JsonNode first = body(client.post("/api/chat", Map.of("question", "What did Putin offer?")));
            String id = first.get("conversationId").asText();
            JsonNode second = body(client.post("/api/chat", Map.of("question", "How did Iran respond to his offer?", "conversationId", id)));
            assertThat(second.get("searchedFor").asText()).isEqualTo("How did Iran respond to his offer? (Putin)");
            assertThat(second.get("conversationId").asText()).isEqualTo(id);
        });
    }

    @Test
    void should_store_feedback_on_a_turn_and_list_it_newest_first() {
        JavalinTest.test(Servers.of(bot.chat()).build().javalin(), (server, client) -> {
            JsonNode answer = body(client.post("/api/chat", Map.of("question", "What did Putin offer?")));
            String id = answer.get("conversationId").asText();
            assertThat(answer.get("turn").asInt()).isEqualTo(1);

            Response saved = client.post("/api/feedback", Map.of("conversationId", id, "turn", 1, "rating", "down",
                    "comment", "  Too vague\u0000 "));
            assertThat(saved.code()).isEqualTo(201);
            JsonNode entry = body(saved);
            assertThat(entry.get("rating").asText()).isEqualTo("down");
            assertThat(entry.get("comment").asText()).isEqualTo("Too vague");
            assertThat(entry.get("question").asText()).isEqualTo("What did Putin offer?");
            assertThat(entry.get("answer").asText()).isEqualTo(answer.get("answer").asText());
            assertThat(entry.get("citations").get(0).get("articleId").asText()).isEqualTo(TestFiles.SEED_PUTIN);
            // without a turn: the conversation's latest
            assertThat(client.post("/api/feedback", Map.of("conversationId", id, "rating", "up")).code()).isEqualTo(201);

            JsonNode list = body(client.get("/api/feedback?limit=2")).get("feedback");
            assertThat(list).hasSize(2);
            assertThat(list.get(0).get("rating").asText()).isEqualTo("up");
            assertThat(list.get(0).get("door").asText()).isEqualTo("web");

            for (Map<String, Object> bad : List.<Map<String, Object>>of(
                    Map.of("conversationId", id, "rating", "meh"),
                    Map.of("conversationId", id, "rating", "up", "turn", 7),
                    Map.of("conversationId", id, "rating", "up", "turn", 1.5),
                    Map.of("conversationId", "not-issued", "rating", "up"),
                    Map.of("rating", "up"),
                    Map.of("conversationId", id, "rating", "up", "comment", "x".repeat(2001)))) {
                Response r = client.post("/api/feedback", bad);
                assertThat(r.code()).as(bad.toString()).isEqualTo(400);
                assertThat(body(r).get("error").asText()).isNotBlank();
            }
            assertThat(client.get("/api/feedback?limit=0").code()).isEqualTo(400);
        });
    }

    @Test
    void should_show_a_conversations_turns_by_its_id_only() {
        JavalinTest.test(Servers.of(bot.chat()).build().javalin(), (server, client) -> {
            String id = body(client.post("/api/chat", Map.of("question", "What did Putin offer?"))).get("conversationId").asText();
            JsonNode c = body(client.get("/api/conversations/" + id));
            assertThat(c.get("turns")).hasSize(1);
            assertThat(c.get("turns").get(0).get("question").asText()).isEqualTo("What did Putin offer?");
            Response unknown = client.get("/api/conversations/alice");
            assertThat(unknown.code()).isEqualTo(404);
            assertThat(body(unknown).get("error").asText()).contains("unknown or expired");
        });
    }

    private static String header(Response r, String name) {
        List<String> values = r.headers().get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    @Test
    void should_serve_the_chat_page() {
        JavalinTest.test(Servers.of(bot.chat()).build().javalin(), (server, client) -> {
            Response page = client.get("/");
            assertThat(page.code()).isEqualTo(200);
            assertThat(page.body().string()).contains("<form id=\"ask\"").contains("/app.js");
            assertThat(client.get("/app.js").body().string()).contains("/api/chat").contains("showSource");

            // served from memory: types, a strong ETag a browser revalidates with (304), HEAD, the page at / too
            Map<String, String> types = Map.of("/", "text/html", "/index.html", "text/html", "/app.js", "text/javascript",
                    "/style.css", "text/css");
            for (var e : types.entrySet()) {
                Response r = client.get(e.getKey());
                assertThat(r.code()).as(e.getKey()).isEqualTo(200);
                assertThat(header(r, "Content-Type")).as(e.getKey()).startsWith(e.getValue());
                assertThat(header(r, "Cache-Control")).isEqualTo("max-age=0");
                assertThat(header(r, "Content-Security-Policy")).contains("default-src 'self'");
                String etag = header(r, "ETag");
                assertThat(etag).matches("\"[0-9a-f]{24}\"");
                Response again = client.get(e.getKey(), req -> req.header("If-None-Match", etag));
                assertThat(again.code()).isEqualTo(304);
                assertThat(again.body().string()).isEmpty();
                assertThat(client.get(e.getKey(), req -> req.header("If-None-Match", "\"other\"")).code()).isEqualTo(200);
                var head = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + e.getKey()))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(head.statusCode()).isEqualTo(200);
                assertThat(head.headers().firstValue("ETag")).contains(etag);
            }
            assertThat(header(client.get("/"), "ETag")).isEqualTo(header(client.get("/index.html"), "ETag"));
            assertThat(header(client.get("/app.js"), "ETag")).isNotEqualTo(header(client.get("/style.css"), "ETag"));
            assertThat(client.get("/nothing.js").code()).isEqualTo(404);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[1, 2]", "{\"question\": 42}", "{\"question\": \"\"}", "{\"question\": \"   \"}",
            "{\"q\": \"hello\"}", "{\"question\": \"ok\", \"conversationId\": \"bad id!\"}", "{\"question\": \"ok\", \"conversationId\": 7}"})
    void should_reject_bad_chat_requests_with_400_and_a_json_error(String requestBody) {
        JavalinTest.test(Servers.of(bot.chat()).build().javalin(), (server, client) -> {
            Response r = client.post("/api/chat", requestBody, req -> req.header("Content-Type", "application/json"));
            assertThat(r.code()).isEqualTo(400);
            assertThat(body(r).get("error").asText()).isNotBlank();
        });
    }

    @Test
    void should_reject_an_over_long_question_and_an_over_large_body() {
        JavalinTest.test(Servers.of(bot.chat()).build().javalin(), (server, client) -> {
            Response longQ = client.post("/api/chat", Map.of("question", "why ".repeat(600)));
            assertThat(longQ.code()).isEqualTo(400);
            assertThat(body(longQ).get("error").asText()).contains("longer than 2000");

            // "Expect: 100-continue", as curl sends for large bodies: the server refuses before the body is
            // sent. Without it, a 413 sent while the client still writes can be lost to a connection reset.
            var huge = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + server.port() + "/api/chat")).expectContinue(true)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("question", "x".repeat(100_000)))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(huge.statusCode()).isEqualTo(413);
            assertThat(json.readTree(huge.body()).get("error").asText()).isNotBlank();
        });
    }

    @Test
    void should_reject_bad_search_parameters_and_unknown_routes_with_json_errors() {
        JavalinTest.test(Servers.of(bot.chat()).build().javalin(), (server, client) -> {
            for (String url : new String[] {"/api/search", "/api/search?q=", "/api/search?q=iran&k=abc", "/api/search?q=iran&k=0",
                    "/api/search?q=iran&k=1000"}) {
                Response r = client.get(url);
                assertThat(r.code()).as(url).isEqualTo(400);
                assertThat(body(r).get("error").asText()).as(url).isNotBlank();
            }
            Response missing = client.get("/api/nope");
            assertThat(missing.code()).isEqualTo(404);
            assertThat(body(missing).get("error").asText()).contains("/api/nope");
        });
    }
}
