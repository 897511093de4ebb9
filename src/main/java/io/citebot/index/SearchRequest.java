package io.citebot.index;

import io.citebot.config.RetrievalMode;
import java.util.Objects;

/**
 * What to search for.
 *
 * @param text    the question or query, in natural language
 * @param k       how many passages to return (1..{@value #MAX_K})
 * @param mode    how to search; null for the configured default
 * @param filters date and source restrictions
 */
public record SearchRequest(String text, int k, RetrievalMode mode, Filters filters) {

    public static final int MAX_K = 100;

    public SearchRequest {
        Objects.requireNonNull(text, "text");
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("k must be between 1 and " + MAX_K + ", was " + k);
        }
        filters = filters == null ? Filters.NONE : filters;
    }

    public SearchRequest(String text, int k) {
        this(text, k, null, Filters.NONE);
    }
}
