package io.citebot.config;

/** How hybrid retrieval fuses its BM25 and dense lists: a weighted sum of normalised scores, or reciprocal ranks. */
public enum FusionMethod {
    WEIGHTED, RRF;

    /**
     * Weight of BM25 in the fused score; cosine gets the rest. Chosen on ../shared/bench/squad with
     * {@code citebot eval} (docs/benchmarks.md, "Fusion"), checked on hotpotqa.
     */
    public static final double DEFAULT_BM25_WEIGHT = 0.4;
}
