package io.citebot.llm;

import io.citebot.config.LlmConfig;
import static org.assertj.core.api.Assertions.assertThat;

import io.citebot.answer.Prompts;
import io.citebot.chat.LlmRewriter;
import io.citebot.chat.Turn;
import io.citebot.llm.FakeModelServer.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LlmRewriterTest {

    FakeModelServer server;
    LlmRewriter rewriter;

    @BeforeEach
    void setUp() throws Exception {
        server = new FakeModelServer();
        LlmConfig c = new LlmConfig(LlmConfig.Provider.OPENAI, server.openAiUrl(), "fake-model", null, null,
                Duration.ofSeconds(5), 0.1, 300, 0, Duration.ofMillis(10), 5);
        rewriter = new LlmRewriter(LanguageModels.build(c).chat(), Prompts.load(Path.of("prompts")).condense(),
                new Retry(0, Duration.ofMillis(10)));
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private static final List<Turn> HISTORY = List.of(new Turn("What did Putin offer?", "What did Putin offer?",
            "Vladimir Putin has extended an offer to facilitate direct talks between Donald Trump and Iran [1]."));

    @Test
    void should_condense_a_follow_up_with_the_history_in_the_prompt() {
        // given
        server.then(Reply.text("\"How did Iran respond to Putin's offer to mediate talks with Trump?\""));

        // when
        String rewritten = rewriter.rewrite("How did Iran respond to his offer?", HISTORY);

        // then
        assertThat(rewritten).isEqualTo("How did Iran respond to Putin's offer to mediate talks with Trump?");
        String prompt = server.requests().getFirst().path("messages").get(0).path("content").asText();
        assertThat(prompt).contains("User: What did Putin offer?").contains("Assistant: Vladimir Putin has extended")
                .contains("Follow-up question: How did Iran respond to his offer?");
    }

    @Test
    void should_not_call_the_model_without_history_and_fall_back_to_carrying_names_on_a_fault() {
        assertThat(rewriter.rewrite("What did Putin offer?", List.of())).isEqualTo("What did Putin offer?");
        assertThat(server.requests()).isEmpty();

        server.then(Reply.status(500));
        assertThat(rewriter.rewrite("How did Iran respond to his offer?", HISTORY)).isEqualTo("How did Iran respond to his offer? (Putin)");
    }
}
