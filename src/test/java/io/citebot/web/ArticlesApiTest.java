package io.citebot.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.citebot.Citebot;
import io.citebot.Servers;
import io.citebot.TestFiles;
import io.citebot.config.ApiSettings;
import io.citebot.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

/** The write API over real HTTP: add, replace, show, remove articles; keys; bad input; restarts and the folder sync. */
class ArticlesApiTest {

    static final String KEY = "ck-writer-0123456789abcdef";
    static final String READER = "ck-reader-0123456789abcdef";
    static final ObjectMapper json = new ObjectMapper();
    static final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    static HttpResponse<String> send(String base, String method, String path, Object body, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : json.writeValueAsString(body)));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The write API on loopback, with KEY as an admin key. */
    static HttpServer adminServer(Citebot bot) {
        HttpServer web = Servers.of(bot.chat(), bot.articles()).loopbackOnly(true).api(new ApiSettings(Set.of(KEY), 0, List.of(), true).withAdminKeys(Set.of(KEY))).build();
        web.javalin().start("127.0.0.1", 0);
        return web;
    }

    static Map<String, Object> article(String id, String title, String text) {
        var m = new LinkedHashMap<String, Object>();
        if (id != null) {
            m.put("id", id);
        }
        m.put("title", title);
        m.put("text", text);
        m.put("date", "2026-11-21");
        m.put("source", "Harbor Daily");
        m.put("url", "https://harbordaily.example/news/" + (id == null ? "x" : id));
        return m;
    }

    static final String TUGBOAT = "The harbor's oldest tugboat, the Valkyrie, was retired on Friday after 61 years of service. "
            + "Captain Elin Strand steered her on a last lap of the basin while crowds waved from the pier.";

    /** A wire story's lede, printed by several outlets in the tests of copies. */
    static final String PIER = "The harbor authority approved a 40 million dollar plan on Tuesday to rebuild the north pier of the"
            + " old port, adding a fuel dock and a ferry terminal, the authority's chairwoman Ingrid Solberg said.";

    /** Writes each copy {id, source, date, title, text} of a report over the API. */
    void putCopies(String base, String[][] copies) throws Exception {
        for (String[] copy : copies) {
            Map<String, Object> a = article(copy[0], copy[3], copy[4]);
            a.put("source", copy[1]);
            a.put("date", copy[2]);
            assertThat(send(base, "PUT", "/api/articles/" + copy[0], a, KEY).statusCode()).isEqualTo(201);
        }
    }

    /** The citations of an answer that cite articles whose id starts with {@code prefix}. */
    static List<JsonNode> citing(JsonNode answer, String prefix) {
        List<JsonNode> out = new ArrayList<>();
        answer.get("citations").forEach(c -> {
            if (c.get("articleId").asText().startsWith(prefix)) {
                out.add(c);
            }
        });
        return out;
    }

    @Test
    void should_find_a_reports_copies_across_the_archive_beyond_the_passages_retrieved() throws Exception {
        try (Citebot bot = TestFiles.seedsBot(tmp.resolve("data"))) {
            HttpServer web = adminServer(bot);
            String base = "http://127.0.0.1:" + web.javalin().port();
            try {
                String wire = PIER + " Work on the north pier is to begin in May and last two years, and the ferry terminal is to open in 2028.";
                // given the report printed by five outlets; the earliest, the wire's own, under a headline the question
                // does not use and with a dateline, the latest trimmed of its last clause
                String[][] copies = {{"pier-b", "Coast Times", "2025-03-05", "North pier to be rebuilt", wire},
                        {"pier-c", "Bay Courier", "2025-03-06", "North pier to be rebuilt", wire},
                        {"pier-d", "Fjord Post", "2025-03-06", "North pier to be rebuilt", wire},
                        {"pier-w", "Nordic Wire", "2025-03-04", "Port board backs plan", "BERGEN (Nordic Wire) - " + wire},
                        {"pier-e", "Isle Herald", "2025-03-07", "North pier to be rebuilt",
                                wire.substring(0, wire.indexOf(", and the ferry")) + "."}};
                putCopies(base, copies);
                // when one result is asked for (two passages searched)
                JsonNode stories = json.readTree(send(base, "GET", "/api/search?q=north%20pier%20rebuilt&k=1&collapse=story", null, KEY).body());
                // then the result is the earliest copy, found in the archive, and every other outlet is named
                JsonNode first = stories.get("results").get(0);
                assertThat(first.get("articleId").asText()).isEqualTo("pier-w");
                assertThat(first.get("alsoReportedBy").findValuesAsText("articleId"))
                        .containsExactlyInAnyOrder("pier-b", "pier-c", "pier-d", "pier-e");
                assertThat(first.get("alsoReportedBy").findValuesAsText("articleId").getFirst()).isEqualTo("pier-b");
                // and an answer cites the report once, as that copy
                JsonNode r = json.readTree(send(base, "POST", "/api/chat",
                        Map.of("question", "What did the harbor authority approve for the north pier?"), KEY).body());
                List<JsonNode> cited = citing(r, "pier-");
                assertThat(cited).hasSize(1);
                assertThat(cited.getFirst().get("articleId").asText()).isEqualTo("pier-w");
                assertThat(cited.getFirst().get("alsoReportedBy")).hasSize(4);
            } finally {
                web.javalin().stop();
            }
        }
    }

    @Test
    void should_cite_a_syndicated_report_once_as_its_earliest_copy_also_reported_by_the_others() throws Exception {
        try (Citebot bot = TestFiles.seedsBot(tmp.resolve("data"))) {
            HttpServer web = adminServer(bot);
            String base = "http://127.0.0.1:" + web.javalin().port();
            try {
                String wire = PIER + " Work on the north pier is to begin in May and last two years.";
                // given the same wire story from three outlets, the earliest dated first by neither order nor id
                String title = "North pier to be rebuilt";
                putCopies(base, new String[][] {{"pier-b", "Coast Times", "2025-03-05", title, wire},
                        {"pier-a", "Harbor Daily", "2025-03-04", title, wire}, {"pier-c", "Bay Courier", "2025-03-06", title, wire}});
                // when asked
                JsonNode r = json.readTree(send(base, "POST", "/api/chat",
                        Map.of("question", "What did the harbor authority approve for the north pier?"), KEY).body());
                // then the story is cited once, as the earliest copy, also reported by the two others
                List<JsonNode> pier = citing(r, "pier-");
                assertThat(pier).hasSize(1);
                assertThat(pier.getFirst().get("articleId").asText()).isEqualTo("pier-a");
                assertThat(pier.getFirst().get("alsoReportedBy").findValuesAsText("articleId")).containsExactly("pier-b", "pier-c");
                assertThat(pier.getFirst().get("alsoReportedBy").findValuesAsText("source")).containsExactly("Coast Times", "Bay Courier");
                assertThat(pier.getFirst().get("alsoReportedBy").get(0).get("url").asText()).isEqualTo("https://harbordaily.example/news/pier-b");

                // and search can collapse by story: one result for the report, its copies with it
                JsonNode stories = json.readTree(send(base, "GET", "/api/search?q=north%20pier%20rebuild&k=3&collapse=story", null, KEY).body());
                List<String> ids = new ArrayList<>();
                stories.get("results").forEach(result -> ids.add(result.get("articleId").asText()));
                assertThat(ids.stream().filter(id -> id.startsWith("pier-"))).containsExactly("pier-a");
                assertThat(stories.get("results").get(ids.indexOf("pier-a")).get("alsoReportedBy").findValuesAsText("articleId"))
                        .containsExactly("pier-b", "pier-c");
                JsonNode passages = json.readTree(send(base, "GET", "/api/search?q=north%20pier%20rebuild&k=3", null, KEY).body());
                assertThat(passages.get("results").findValuesAsText("articleId")).contains("pier-a", "pier-b", "pier-c");
            } finally {
                web.javalin().stop();
            }
        }
    }

    @Test
    void should_keep_the_reporting_around_boilerplate_and_say_what_it_cut() throws Exception {
        try (Citebot bot = TestFiles.seedsBot(tmp.resolve("data"))) {
            HttpServer web = adminServer(bot);
            String base = "http://127.0.0.1:" + web.javalin().port();
            try {
                String text = TUGBOAT + "\n\nHarbor master Ingrid Solberg said the pier would be rebuilt with a new fuel dock before the"
                        + " summer season begins. Click here to read the full report.\n\nSubscribe to our newsletter for more.";
                HttpResponse<String> put = send(base, "PUT", "/api/articles/pier-1", article("pier-1", "Pier to be rebuilt", text), KEY);
                assertThat(put.statusCode()).isEqualTo(201);
                JsonNode cut = json.readTree(put.body()).get("cut");
                assertThat(cut.get(0).get("id").asText()).isEqualTo("pier-1");
                assertThat(cut.get(0).get("text")).extracting(JsonNode::asText)
                        .containsExactly("Click here to read the full report.", "Subscribe to our newsletter for more.");
                HttpResponse<String> answer = send(base, "POST", "/api/chat",
                        Map.of("question", "What did harbor master Ingrid Solberg say about the pier and the fuel dock?"), KEY);
                assertThat(json.readTree(answer.body()).get("refused").asBoolean()).isFalse();
                assertThat(json.readTree(answer.body()).get("answer").asText()).contains("fuel dock");
            } finally {
                web.javalin().stop();
            }
        }
    }

    @Test
    void should_never_pass_markup_from_an_article_to_a_client_active() throws Exception {
        try (Citebot bot = TestFiles.seedsBot(tmp.resolve("data"))) {
            HttpServer web = adminServer(bot);
            String base = "http://127.0.0.1:" + web.javalin().port();
            try {
                Map<String, Object> hostile = article("hostile", "Valkyrie retired](https://evil.example) <b>now</b>",
                        "The harbor's oldest tugboat, the Valkyrie, was retired on Friday [read more](javascript:alert(7)) after 61 years."
                                + " Captain Elin Strand <script>alert(1)</script> steered her <img src=x onerror=alert(2)> on a last lap"
                                + " <a href=\"javascript:alert(3)\">of the basin</a> <!channel>.");
                hostile.remove("url");
                assertThat(send(base, "POST", "/api/articles", hostile, KEY).statusCode()).isEqualTo(201);
                String question = "When was the Valkyrie tugboat retired, and who steered her on a last lap?";
                String chat = send(base, "POST", "/api/chat", Map.of("question", question), KEY).body();
                String v1 = send(base, "POST", "/v1/chat/completions", Map.of("model", "citebot",
                        "messages", List.of(Map.of("role", "user", "content", question))), KEY).body();
                for (String body : List.of(chat, v1)) {
                    assertThat(body).contains("Valkyrie").doesNotContain("javascript:", "<script", "onerror", "<a ", "<!channel", "<b>");
                }
                String content = json.readTree(v1).at("/choices/0/message/content").asText();
                assertThat(content).contains("Valkyrie retired\\]\\(https://evil.example\\)").doesNotContain("retired](");
            } finally {
                web.javalin().stop();
            }
        }
    }

    @Test
    void should_add_replace_show_and_remove_articles_with_a_key() throws Exception {
        try (Citebot bot = TestFiles.seedsBot(tmp.resolve("data"))) {
            HttpServer web = Servers.of(bot.chat(), bot.articles()).loopbackOnly(true).api(new ApiSettings(Set.of(KEY, READER), 0, List.of(), true).withAdminKeys(Set.of(KEY))).build();
            web.javalin().start("127.0.0.1", 0);
            String base = "http://127.0.0.1:" + web.javalin().port();
            try {
                // without a key, a 401; with a key that may only ask, a 403; with an admin key, a 201 and the article answerable at once
                assertThat(send(base, "POST", "/api/articles", article("tug-1", "Valkyrie retired", TUGBOAT), null).statusCode()).isEqualTo(401);
                HttpResponse<String> reader = send(base, "POST", "/api/articles", article("tug-1", "Valkyrie retired", TUGBOAT), READER);
                assertThat(reader.statusCode()).isEqualTo(403);
                assertThat(json.readTree(reader.body()).get("error").asText()).contains("CITEBOT_ADMIN_KEYS");
                HttpResponse<String> created = send(base, "POST", "/api/articles", article("tug-1", "Valkyrie retired", TUGBOAT), KEY);
                assertThat(created.statusCode()).isEqualTo(201);
                assertThat(json.readTree(created.body()).get("ids")).extracting(JsonNode::asText).containsExactly("tug-1");
                HttpResponse<String> answer = send(base, "POST", "/api/chat", Map.of("question", "When was the Valkyrie tugboat retired?"), KEY);
                JsonNode a = json.readTree(answer.body());
                assertThat(a.get("refused").asBoolean()).isFalse();
                assertThat(a.get("citations").get(0).get("articleId").asText()).isEqualTo("tug-1");
                assertThat(a.get("citations").get(0).get("url").asText()).isEqualTo("https://harbordaily.example/news/tug-1");

                // a batch, with a generated id that is the same for the same article
                HttpResponse<String> batch = send(base, "POST", "/api/articles", Map.of("articles", List.of(
                        article(null, "Quay market moves", "The Saturday fish market will move to the east quay in spring, the council said."),
                        article("tug-2", "New tug arrives", "A new electric tug, the Freya, arrived from the yard in Gdansk on Sunday."))), KEY);
                assertThat(batch.statusCode()).isEqualTo(201);
                String generated = json.readTree(batch.body()).get("ids").get(0).asText();
                assertThat(generated).startsWith("api-");
                assertThat(json.readTree(send(base, "POST", "/api/articles",
                        article(null, "Quay market moves", "The Saturday fish market will move to the east quay in spring, the council said."), KEY)
                        .body()).get("ids").get(0).asText()).isEqualTo(generated);

                // replace, show, delete
                assertThat(send(base, "PUT", "/api/articles/tug-1", article(null, "Valkyrie retired after 61 years",
                        TUGBOAT + " She will become a museum ship."), KEY).statusCode()).isEqualTo(200);
                JsonNode shown = json.readTree(send(base, "GET", "/api/articles/tug-1", null, KEY).body());
                assertThat(shown.get("title").asText()).isEqualTo("Valkyrie retired after 61 years");
                assertThat(shown.get("origin").asText()).isEqualTo("api");
                assertThat(shown.get("passages").toString()).contains("museum ship");
                assertThat(send(base, "PUT", "/api/articles/tug-3", article(null, "Third tug", "A third tug is planned for 2028."), KEY)
                        .statusCode()).isEqualTo(201);
                assertThat(send(base, "DELETE", "/api/articles/tug-3", null, KEY).statusCode()).isEqualTo(204);
                assertThat(send(base, "DELETE", "/api/articles/tug-3", null, KEY).statusCode()).isEqualTo(404);
                assertThat(send(base, "GET", "/api/articles/tug-3", null, KEY).statusCode()).isEqualTo(404);
                // an article from a file in the articles folder is changed there, not here
                HttpResponse<String> fileBacked = send(base, "DELETE", "/api/articles/" + TestFiles.SEED_PUTIN, null, KEY);
                assertThat(fileBacked.statusCode()).isEqualTo(409);
                assertThat(json.readTree(fileBacked.body()).get("error").asText()).contains("file");
            } finally {
                web.javalin().stop();
            }

            // the folder sync leaves them alone
            bot.syncSeeds();
            assertThat(bot.chat().catalog().article("tug-1")).isPresent();
        }
        // and they survive a restart
        try (Citebot again = TestFiles.seedsBot(tmp.resolve("data"))) {
            assertThat(again.chat().catalog().article("tug-1")).isPresent();
            assertThat(again.chat().catalog().article("tug-2")).isPresent();
        }
    }

    @Test
    void should_refuse_bad_articles_whole_and_be_off_without_keys() throws Exception {
        try (Citebot bot = TestFiles.seedsBot(tmp.resolve("data"))) {
            HttpServer open = Servers.of(bot.chat(), bot.articles()).loopbackOnly(true).api(ApiSettings.OPEN).build();
            open.javalin().start("127.0.0.1", 0);
            try {
                HttpResponse<String> off = send("http://127.0.0.1:" + open.javalin().port(), "POST", "/api/articles", article("a", "T", TUGBOAT), null);
                assertThat(off.statusCode()).isEqualTo(403);
                assertThat(json.readTree(off.body()).get("error").asText()).contains("CITEBOT_API_KEYS");
            } finally {
                open.javalin().stop();
            }

            HttpServer web = Servers.of(bot.chat(), bot.articles()).loopbackOnly(true).api(new ApiSettings(Set.of(KEY, READER), 0, List.of(), true).withAdminKeys(Set.of(KEY))).build();
            web.javalin().start("127.0.0.1", 0);
            String base = "http://127.0.0.1:" + web.javalin().port();
            int before = bot.index().articles().size();
            try {
                Map<String, Object> good = article("ok-1", "Fine", TUGBOAT);
                List<Object> bad = List.of(
                        article("x", null, TUGBOAT),
                        article("x", "No text", " "),
                        Map.of("id", "x", "title", "T", "text", TUGBOAT, "date", "2026-02-30"),
                        Map.of("id", "x", "title", "T", "text", TUGBOAT, "date", "yesterday"),
                        article("bad id/../x", "T", TUGBOAT),
                        article("x", "T".repeat(501), TUGBOAT),
                        Map.of("id", "x", "title", "T", "text", TUGBOAT, "url", "javascript:alert(1)"),
                        Map.of("id", "x", "title", 7, "text", TUGBOAT),
                        Map.of("articles", List.of(good, article("x", null, TUGBOAT))),
                        Map.of("articles", List.of(good, good)),
                        Map.of("articles", Collections.nCopies(101, good)),
                        Map.of("articles", "many"),
                        Map.of("articles", List.of()));
                for (Object b : bad) {
                    HttpResponse<String> r = send(base, "POST", "/api/articles", b, KEY);
                    assertThat(r.statusCode()).as(String.valueOf(b).substring(0, Math.min(120, String.valueOf(b).length()))).isEqualTo(400);
                    assertThat(json.readTree(r.body()).get("error").asText()).isNotBlank();
                }
                assertThat(send(base, "POST", "/api/articles", "{\"title\": ", KEY).statusCode()).isEqualTo(400);
                assertThat(send(base, "PUT", "/api/articles/a-1", article("a-2", "T", TUGBOAT), KEY).statusCode()).isEqualTo(400);
                // nothing of a bad batch was written
                assertThat(bot.index().articles()).hasSize(before);
                assertThat(bot.chat().catalog().article("ok-1")).isEmpty();
            } finally {
                web.javalin().stop();
            }
        }
    }
}
