package io.citebot.index.solr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.citebot.Citebot;
import io.citebot.Servers;
import io.citebot.TestFiles;
import io.citebot.chat.ArticleService;
import io.citebot.chat.ConflictException;
import io.citebot.chat.PostgresServer;
import io.citebot.config.ApiSettings;
import io.citebot.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two stateless citebot replicas, each a real HTTP server, over one SolrCloud collection (2 nodes, 2 shards x 2
 * replicas) and one PostgreSQL: one replica writes (it ingests the seeds), the other only answers
 * ({@code CITEBOT_SOLR_WRITES=off}), both answer the same, a conversation continues
 * across them, and a Solr node killed with kill -9 does not stop answers; with every node down the doors say 503.
 */
class SolrReplicasTest {

    static final ObjectMapper json = new ObjectMapper();
    static final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    static HttpResponse<String> post(String base, String question) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/chat")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("question", question)))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode chat(String base, String question, String conversationId) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("question", question);
        if (conversationId != null) {
            body.put("conversationId", conversationId);
        }
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/chat"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(question + ": " + r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    static String serve(Citebot bot, List<HttpServer> servers) {
        HttpServer web = Servers.of(bot.chat(), bot.articles()).loopbackOnly(true).api(ApiSettings.OPEN).build();
        web.javalin().start("127.0.0.1", 0);
        servers.add(web);
        return "http://127.0.0.1:" + web.javalin().port();
    }

    @Test
    void should_answer_from_either_replica_continue_conversations_across_them_and_survive_a_killed_node() throws Exception {
        var bin = PostgresServer.installed();
        assumeTrue(bin.isPresent() || System.getenv("CI") != null, "Debian's postgresql is not installed");
        String collection = "replicas-" + System.nanoTime();
        List<HttpServer> servers = new ArrayList<>();
        try (PostgresServer pg = new PostgresServer(bin.orElseThrow());
             Citebot writer = Citebot.open(SolrBackendTest.solrConfig(tmp.resolve("a"), collection, Map.of("CITEBOT_DB_URL", pg.url())),
                     false, TestFiles.embedder());
             Citebot reader = Citebot.open(SolrBackendTest.solrConfig(tmp.resolve("b"), collection, Map.of("CITEBOT_DB_URL", pg.url(),
                     "CITEBOT_SOLR_WRITES", "off")), false, TestFiles.embedder())) {
            writer.syncSeeds();
            // the replica that only answers never writes: no folder sync, and the write API says where to go
            assertThat(reader.syncSeeds()).isNull();
            assertThatThrownBy(() -> reader.articles().put(List.of(new ArticleService.Submitted("x-1", "Harbour reopens", "The harbour reopened on Monday after the storm, the port authority said.", null, null, null))))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("does not write");
            String a = serve(writer, servers);
            String b = serve(reader, servers);

            // both replicas give the same answers to the seed questions
            Map<String, String> answers = new HashMap<>();
            for (String q : SolrBackendTest.QUESTIONS) {
                JsonNode fromA = chat(a, q, null);
                JsonNode fromB = chat(b, q, null);
                assertThat(fromB.get("answer").asText()).as(q).isEqualTo(fromA.get("answer").asText());
                assertThat(fromB.get("citations")).as(q).isEqualTo(fromA.get("citations"));
                answers.put(q, fromA.get("answer").asText());
            }

            // a conversation started on one replica continues on the other, and back
            JsonNode first = chat(a, "What did Putin offer?", null);
            JsonNode second = chat(b, "How did Iran respond to his offer?", first.get("conversationId").asText());
            assertThat(second.get("turn").asInt()).isEqualTo(2);
            assertThat(second.get("searchedFor").asText()).isEqualTo("How did Iran respond to his offer? (Putin)");
            JsonNode third = chat(a, "And what did the Kremlin say?", first.get("conversationId").asText());
            assertThat(third.get("turn").asInt()).isEqualTo(3);

            // node 1 (the first URL both replicas know, and the cluster's overseer) dies; every shard still has a copy
            SolrTestCluster.killNode(1);
            try {
                for (String base : List.of(a, b)) {
                    for (String q : SolrBackendTest.QUESTIONS) {
                        assertThat(chat(base, q, null).get("answer").asText()).as(base + " " + q).isEqualTo(answers.get(q));
                    }
                }
                JsonNode later = chat(b, "Which newspaper reported Putin's offer to mediate?", first.get("conversationId").asText());
                assertThat(later.get("turn").asInt()).isEqualTo(4);
                assertThat(later.get("refused").asBoolean()).isFalse();

                // the whole cluster down: a clear 503 with Retry-After (never a 500), and /health tells the load balancer
                SolrTestCluster.killNode(2);
                for (String base : List.of(a, b)) {
                    HttpResponse<String> down = post(base, "What did Putin offer?");
                    assertThat(down.statusCode()).isEqualTo(503);
                    assertThat(down.headers().firstValue("Retry-After")).isPresent();
                    assertThat(json.readTree(down.body()).get("error").asText()).contains("search index is unavailable");
                    HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(health.statusCode()).isEqualTo(503);
                    assertThat(json.readTree(health.body()).get("status").asText()).isEqualTo("unavailable");
                }
            } finally {
                SolrTestCluster.startNode(1);
                SolrTestCluster.startNode(2);
            }
            // back: answers as before, once the replicas of every shard have recovered
            long deadline = System.currentTimeMillis() + 90_000;
            HttpResponse<String> again = post(a, "What did Putin offer?");
            while (again.statusCode() != 200 && System.currentTimeMillis() < deadline) {
                Thread.sleep(500);
                again = post(a, "What did Putin offer?");
            }
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
            assertThat(json.readTree(again.body()).get("answer").asText()).isEqualTo(answers.get("What did Putin offer?"));
        } finally {
            servers.forEach(s -> s.javalin().stop());
        }
    }
}
