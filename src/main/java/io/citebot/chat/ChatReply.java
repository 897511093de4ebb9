package io.citebot.chat;

import io.citebot.answer.Answer;
import java.util.Objects;

/**
 * An answer within a conversation.
 *
 * @param turn        this exchange's number within the conversation, from 1 (what feedback refers to)
 * @param searchedFor the standalone question that was searched (a follow-up rewritten with its context)
 */
public record ChatReply(String conversationId, int turn, Answer answer, String searchedFor) {

    public ChatReply {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(searchedFor, "searchedFor");
    }
}
