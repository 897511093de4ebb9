package io.citebot.chat;

import io.citebot.answer.Answer;

/** Told of every answer {@link ChatService} composes, with where its time went (metrics listen here). */
public interface AnswerObserver {

    /**
     * @param retrievalNanos time spent finding passages
     * @param answerNanos    time spent composing the answer (a model call included)
     * @param modelUsed      whether a language model was asked (its failure shows as {@link Answer#fallback()})
     */
    void answered(Answer answer, long retrievalNanos, long answerNanos, boolean modelUsed);

    /**
     * Where one question's time went, stage by stage: {@code embedding} (the question's vector), {@code retrieval}
     * (the searches, fusion and reranking, the embedding not included), {@code composition} (the answer), {@code
     * storage} (the turn written to the conversation store).
     */
    default void stage(String stage, long nanos) {
    }
}
