package io.citebot.retrieval;

import java.util.Objects;

/**
 * What to search for.
 *
 * @param text the question or query, in natural language
 * @param k    how many passages to return (1..{@value #MAX_K})
 */
public record SearchRequest(String text, int k) {

    public static final int MAX_K = 100;

    public SearchRequest {
        Objects.requireNonNull(text, "text");
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("k must be between 1 and " + MAX_K + ", was " + k);
        }
    }
}
