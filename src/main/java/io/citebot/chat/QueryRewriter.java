package io.citebot.chat;

import java.util.List;

/** Turns a follow-up question into one that can be searched on its own. */
public interface QueryRewriter {

    /**
     * @param history the conversation's recent turns, oldest first
     * @return the standalone question; {@code question} itself when it already stands alone
     */
    String rewrite(String question, List<Turn> history);
}
