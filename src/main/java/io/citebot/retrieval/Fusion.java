package io.citebot.retrieval;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Ways to merge the rankings of several retrievers. Pure functions over passage ids and scores. */
public final class Fusion {

    /**
     * Reciprocal rank fusion's damping constant, from Cormack, Clarke and Büttcher (2009): a document at rank r
     * contributes {@code 1 / (k + r)}, so the first few ranks of every list matter and no single list dominates.
     */
    public static final int RRF_K = 60;

    private Fusion() {
    }

    /** Reciprocal rank fusion: {@code score(d) = sum over lists of 1 / (k + rank(d))}, ranks from 1. */
    public static Map<String, Double> reciprocalRank(List<List<String>> rankings, int k) {
        Map<String, Double> fused = new HashMap<>();
        for (List<String> ranking : rankings) {
            for (int i = 0; i < ranking.size(); i++) {
                fused.merge(ranking.get(i), 1.0 / (k + i + 1), Double::sum);
            }
        }
        return fused;
    }

    /**
     * Weighted sum of per-query min-max normalised scores:
     * {@code w * norm(bm25) + (1 - w) * norm(cosine)}. Ids missing from a map score that component's minimum.
     *
     * @param bm25Weight weight of the keyword score, 0..1
     */
    public static Map<String, Double> weightedSum(Map<String, Double> bm25, Map<String, Double> cosine, double bm25Weight) {
        if (bm25Weight < 0 || bm25Weight > 1) {
            throw new IllegalArgumentException("bm25Weight must be in [0, 1]");
        }
        Map<String, Double> nb = minMax(bm25);
        Map<String, Double> nc = minMax(cosine);
        Map<String, Double> fused = new HashMap<>();
        for (Collection<String> ids : List.of(bm25.keySet(), cosine.keySet())) {
            for (String id : ids) {
                fused.computeIfAbsent(id, x -> bm25Weight * nb.getOrDefault(x, 0.0) + (1 - bm25Weight) * nc.getOrDefault(x, 0.0));
            }
        }
        return fused;
    }

    /** Scales scores to [0, 1] (all equal scores become 1). */
    static Map<String, Double> minMax(Map<String, Double> scores) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores.values()) {
            min = Math.min(min, s);
            max = Math.max(max, s);
        }
        Map<String, Double> out = new HashMap<>();
        for (var e : scores.entrySet()) {
            out.put(e.getKey(), max > min ? (e.getValue() - min) / (max - min) : 1.0);
        }
        return out;
    }
}
