package io.citebot.config;

import java.util.Locale;

/** How passages are found: keywords (BM25), meaning (dense vectors), or both fused. */
public enum RetrievalMode {
    BM25, DENSE, HYBRID;

    /** Parses "bm25", "dense" or "hybrid" (any case). */
    public static RetrievalMode parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("retrieval mode must be bm25, dense or hybrid, was \"" + value + "\"");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
