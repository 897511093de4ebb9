package io.citebot.answer;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.input.PromptTemplate;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.injector.ContentInjector;
import java.util.List;
import java.util.Map;

/**
 * LangChain4j {@link ContentInjector} for the answer prompt: the retrieved passages are numbered [1]..[k], each
 * with headline, source and date from its segment's metadata, its text fenced between {@code <passage>} tags.
 * Article text can never close the fence early, so an article that says "ignore previous instructions" stays
 * quoted data.
 */
public final class NumberedPassageInjector implements ContentInjector {

    private final PromptTemplate answerTemplate;

    /** @param answerTemplate the answer prompt, with {{question}} and {{passages}} */
    public NumberedPassageInjector(PromptTemplate answerTemplate) {
        this.answerTemplate = answerTemplate;
    }

    @Override
    public ChatMessage inject(List<Content> contents, ChatMessage question) {
        String q = ((UserMessage) question).singleText();
        return UserMessage.from(answerTemplate.apply(Map.of("question", q, "passages", format(contents))).text());
    }

    static String format(List<Content> contents) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < contents.size(); i++) {
            Metadata m = contents.get(i).textSegment().metadata();
            sb.append('[').append(i + 1).append("] ").append(clean(m.getString("title")));
            if (m.getString("source") != null) {
                sb.append(" — ").append(clean(m.getString("source")));
            }
            if (m.getString("date") != null) {
                sb.append(", ").append(m.getString("date"));
            }
            sb.append("\n<passage>\n").append(clean(contents.get(i).textSegment().text())).append("\n</passage>\n\n");
        }
        return sb.toString().strip();
    }

    /** Neutralises anything that looks like the fence, and control characters. */
    static String clean(String text) {
        return text == null ? "" : text.replaceAll("(?i)<\\s*/?\\s*passage\\s*>", "(passage)").replaceAll("[\\p{Cc}&&[^\\n\\t]]", " ");
    }
}
