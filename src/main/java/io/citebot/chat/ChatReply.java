package io.citebot.chat;

import io.citebot.answer.Answer;
import java.util.Objects;

/**
 * An answer within a conversation.
 *
 * @param searchedFor the standalone question that was searched (a follow-up rewritten with its context)
 */
public record ChatReply(String conversationId, Answer answer, String searchedFor) {

    public ChatReply {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(searchedFor, "searchedFor");
    }
}
