package io.citebot.eval;

import java.util.List;
import java.util.Objects;

/** A benchmark question: its accepted answers and the documents that support them. */
public record EvalQuery(String id, String question, List<String> answers, List<String> evidenceDocIds) {

    public EvalQuery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(question, "question");
        answers = List.copyOf(answers);
        evidenceDocIds = List.copyOf(evidenceDocIds);
        if (evidenceDocIds.isEmpty()) {
            throw new IllegalArgumentException("query " + id + " has no evidence_doc_ids");
        }
    }
}
