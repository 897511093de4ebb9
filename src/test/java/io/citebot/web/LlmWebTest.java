package io.citebot.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.citebot.Citebot;
import io.citebot.Servers;
import io.citebot.TestFiles;
import io.citebot.chat.SearchOptions;
import io.citebot.llm.FakeModelServer.Reply;
import io.citebot.llm.FakeModelServer;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

/** The whole bot with an LLM provider configured, against a fake OpenAI-compatible server on loopback. */
class LlmWebTest {

    @TempDir
    Path tmp;

    FakeModelServer model;
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void setUp() throws Exception {
        model = new FakeModelServer();
    }

    @AfterEach
    void tearDown() {
        model.close();
    }

    private Citebot open() throws Exception {
        return TestFiles.modelBot(tmp.resolve("data"), model.openAiUrl(),
                Map.of("CITEBOT_LLM_RETRIES", "1", "CITEBOT_LLM_RETRY_DELAY", "10ms", "CITEBOT_LLM_TIMEOUT", "5s"));
    }

    @Test
    void should_stream_model_tokens_then_the_checked_answer_with_citations() throws Exception {
        try (Citebot bot = open()) {
            model.then(Reply.tokens("Peskov said negotiations ", "are essential [1]", " and [42]."));
            JavalinTest.test(Servers.of(bot.chat()).build().javalin(), (server, client) -> {
                Response r = client.post("/api/chat/stream", Map.of("question", "What did Dmitry Peskov say about negotiations?"));
                List<String[]> events = Sse.parse(r.body().string());
                assertThat(events).extracting(e -> e[0]).containsExactly("token", "token", "token", "done");
                assertThat(json.readTree(events.get(0)[1]).get("text").asText()).isEqualTo("Peskov said negotiations ");
                JsonNode done = json.readTree(events.get(3)[1]);
                assertThat(done.get("answer").asText()).isEqualTo("Peskov said negotiations are essential [1] and.");
                assertThat(done.get("citations")).hasSize(1);
                assertThat(done.has("fallback")).isFalse();
            });
        }
    }

    @Test
    void should_answer_extractively_with_a_fallback_note_when_the_provider_fails() throws Exception {
        try (Citebot bot = open()) {
            model.then(Reply.status(502)).then(Reply.status(502));
            JavalinTest.test(Servers.of(bot.chat()).build().javalin(), (server, client) -> {
                Response r = client.post("/api/chat", Map.of("question", "What did Dmitry Peskov say about negotiations?"));
                assertThat(r.code()).isEqualTo(200);
                JsonNode b = json.readTree(r.body().string());
                assertThat(b.get("fallback").asText()).isEqualTo("llm unavailable");
                assertThat(b.get("answer").asText()).contains("Peskov");
                assertThat(b.get("citations")).isNotEmpty();
            });
        }
    }

    @Test
    void should_rewrite_follow_ups_with_the_model_and_remember_conversations_across_a_restart() throws Exception {
        String id;
        try (Citebot bot = open()) {
            model.then(Reply.text("Putin has offered to mediate direct talks between Trump and Iran [1]."));
            id = bot.chat().ask("What did Putin offer?", null, SearchOptions.DEFAULT).conversationId();
        }
        try (Citebot restarted = open()) {
            model.then(Reply.text("How did Iran respond to Putin's offer to mediate talks?"))
                    .then(Reply.text("Iranian officials exhibit hesitation about the offer [1]."));
            var reply = restarted.chat().ask("How did Iran respond to his offer?", id, SearchOptions.DEFAULT);
            assertThat(reply.searchedFor()).isEqualTo("How did Iran respond to Putin's offer to mediate talks?");
            String condensePrompt = model.requests().get(1).path("messages").get(0).path("content").asText();
            assertThat(condensePrompt).contains("User: What did Putin offer?");
            assertThat(reply.answer().citations()).isNotEmpty();
        }
    }
}
