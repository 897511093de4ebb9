package io.citebot.chat;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.input.PromptTemplate;
import io.citebot.llm.Retry;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follow-up rewriting by the model, with the condense prompt ({@code prompts/condense.txt}). A question without
 * history is not sent; a model fault or an unusable reply falls back to {@link EntityCarryingRewriter}.
 */
public final class LlmRewriter implements QueryRewriter {

    private static final Logger log = LoggerFactory.getLogger(LlmRewriter.class);
    /** A rewrite much longer than the question is an answer, not a question. */
    private static final int MAX_GROWTH = 300;

    private final ChatModel model;
    private final PromptTemplate condense;
    private final Retry retry;
    private final QueryRewriter fallback = new EntityCarryingRewriter();

    public LlmRewriter(ChatModel model, PromptTemplate condense, Retry retry) {
        this.model = model;
        this.condense = condense;
        this.retry = retry;
    }

    @Override
    public String rewrite(String question, List<Turn> history) {
        if (history.isEmpty()) {
            return question;
        }
        StringBuilder h = new StringBuilder();
        for (Turn t : history) {
            h.append("User: ").append(t.question()).append('\n').append("Assistant: ").append(t.answer()).append('\n');
        }
        String prompt = condense.apply(Map.of("history", h.toString().strip(), "question", question)).text();
        try {
            String rewritten = retry.call(() -> model.chat(prompt)).strip().replaceAll("^[\"'“]|[\"'”]$", "").strip();
            if (rewritten.isEmpty() || rewritten.length() > question.length() + MAX_GROWTH) {
                return fallback.rewrite(question, history);
            }
            return rewritten;
        } catch (Exception e) {
            log.warn("Follow-up rewriting by the model failed ({}); carrying names instead", Retry.describe(e));
            return fallback.rewrite(question, history);
        }
    }
}
