package io.citebot.eval;

import java.time.LocalDate;

import java.util.List;
import java.util.Objects;

/**
 * A benchmark question: its accepted answers and the documents that support them.
 *
 * @param evidenceDocIds empty when the set names no gold document (the question then counts for answers only)
 * @param questionDate   the day it was asked, which relative time words count from; null when the set has none
 */
public record EvalQuery(String id, String question, List<String> answers, List<String> evidenceDocIds, LocalDate questionDate) {

    public EvalQuery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(question, "question");
        answers = List.copyOf(answers);
        evidenceDocIds = List.copyOf(evidenceDocIds);
    }

    public EvalQuery(String id, String question, List<String> answers, List<String> evidenceDocIds) {
        this(id, question, answers, evidenceDocIds, null);
    }

    public boolean hasEvidence() {
        return !evidenceDocIds.isEmpty();
    }
}
