package io.citebot.chat;

import java.util.Objects;

/**
 * One exchange of a conversation.
 *
 * @param question    what the user asked
 * @param searchedFor the standalone question that was searched (the question with its follow-up references resolved)
 * @param answer      the answer's text
 */
public record Turn(String question, String searchedFor, String answer) {

    public Turn {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(searchedFor, "searchedFor");
        Objects.requireNonNull(answer, "answer");
    }
}
