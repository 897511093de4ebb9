package io.citebot.answer;

import io.citebot.retrieval.Hit;
import java.util.List;

/** Composes a cited answer to a question from retrieved passages, or refuses when they do not support one. */
public interface Answerer {

    /**
     * @param question the (standalone) question
     * @param hits     the retrieved passages, best first; the only material the answer may cite
     */
    Answer answer(String question, List<Hit> hits);
}
