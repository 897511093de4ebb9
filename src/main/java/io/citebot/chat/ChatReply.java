package io.citebot.chat;

import io.citebot.answer.Answer;
import java.util.Objects;

/** An answer within a conversation. */
public record ChatReply(String conversationId, Answer answer) {

    public ChatReply {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(answer, "answer");
    }
}
