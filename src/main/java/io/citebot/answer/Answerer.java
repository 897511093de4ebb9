package io.citebot.answer;

import io.citebot.index.Hit;
import java.util.List;

/** Composes a cited answer to a question from retrieved passages, or refuses when they do not support one. */
public interface Answerer {

    /**
     * @param question the (standalone) question
     * @param hits     the retrieved passages, best first; the only material the answer may cite
     */
    Answer answer(String question, List<Hit> hits);

    /**
     * Answers while sending the text to {@code out} as it is produced, and returns the checked answer (whose
     * text may differ from what was streamed: invalid citation markers are removed at the end). Answerers
     * that compose at once send the whole text as one piece.
     */
    /** Whether this answerer asks a language model (for metrics). */
    default boolean usesModel() {
        return false;
    }

    default Answer stream(String question, List<Hit> hits, AnswerStream out) {
        Answer answer = answer(question, hits);
        if (!out.cancelled()) {
            out.token(answer.text());
        }
        return answer;
    }
}
