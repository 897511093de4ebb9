package io.citebot.index;

import java.util.List;

/** Turns text into unit-length vectors whose dot product is their cosine similarity. */
public interface Embedder {

    int dimension();

    /** Embeddings of passages, in order. */
    List<float[]> embed(List<String> texts);

    /** The embedding of a question (models such as BGE phrase queries differently from passages). */
    float[] embedQuery(String question);
}
