package io.citebot.retrieval;

import io.citebot.config.FusionMethod;
import io.citebot.index.SearchRequest;
import io.citebot.index.Hit;
import io.citebot.index.PassageSearcher;
import io.citebot.index.SearchBackend;
import io.citebot.index.Embedder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * BM25 and dense retrieval fused by a weighted sum of per-query min-max normalised scores. The candidates are
 * the top {@value #CANDIDATES} of each list, and each is scored by both methods: cosine exactly from the
 * stored vector, BM25 from a deeper BM25 list (a passage below its depth has a BM25 score near the minimum).
 * Stored fields are loaded only for the passages returned.
 */
public final class HybridRetriever implements Retriever {

    /** Candidates taken from the top of each list. */
    static final int CANDIDATES = 50;
    /** How deep the BM25 list is read for the scores of dense candidates. */
    static final int BM25_DEPTH = 1000;

    /** How the two lists are merged. */
    private final SearchBackend backend;
    private final Embedder embedder;
    private final double bm25Weight;
    private final FusionMethod method;

    /**
     * @param bm25Weight weight of BM25 for {@link FusionMethod#WEIGHTED} (0..1)
     * @param method     weighted sum of normalised scores (the default), or reciprocal rank fusion
     */
    public HybridRetriever(SearchBackend backend, Embedder embedder, double bm25Weight, FusionMethod method) {
        if (bm25Weight < 0 || bm25Weight > 1) {
            throw new IllegalArgumentException("bm25Weight must be in [0, 1]");
        }
        this.backend = backend;
        this.embedder = embedder;
        this.bm25Weight = bm25Weight;
        this.method = method;
    }

    @Override
    public List<Hit> retrieve(SearchRequest request) {
        float[] vector = embedder.embedQuery(request.text());
        int n = Math.max(CANDIDATES, request.k() * 3);
        try {
            List<Hit> ranked = backend.read(searcher -> {
                Map<Integer, Double> bm25All = new HashMap<>();
                Set<Integer> candidates = new LinkedHashSet<>();
                PassageSearcher.Lists lists = searcher.bm25AndNearest(request.text(), Math.max(BM25_DEPTH, n), vector, n, request.filters());
                List<PassageSearcher.Scored> lexical = lists.lexical();
                for (int i = 0; i < lexical.size(); i++) {
                    bm25All.put(lexical.get(i).key(), lexical.get(i).score());
                    if (i < n) {
                        candidates.add(lexical.get(i).key());
                    }
                }
                Map<Integer, Double> cosine = new HashMap<>();
                List<String> denseRanking = new ArrayList<>();
                for (PassageSearcher.Scored sc : lists.dense()) {
                    candidates.add(sc.key());
                    cosine.put(sc.key(), sc.score());
                    denseRanking.add(Integer.toString(sc.key()));
                }
                int[] missing = candidates.stream().filter(d -> !cosine.containsKey(d)).mapToInt(Integer::intValue).toArray();
                cosine.putAll(searcher.cosines(vector, missing));
                Map<String, Double> bm25 = new HashMap<>();
                Map<String, Double> cos = new HashMap<>();
                for (int d : candidates) {
                    String key = Integer.toString(d);
                    bm25.put(key, bm25All.getOrDefault(d, 0.0));
                    cos.put(key, cosine.getOrDefault(d, -1.0));
                }
                Map<String, Double> fused = method == FusionMethod.WEIGHTED
                        ? Fusion.weightedSum(bm25, cos, bm25Weight)
                        : Fusion.reciprocalRank(List.of(ranking(bm25), denseRanking), Fusion.RRF_K);
                List<Integer> top = candidates.stream()
                        .sorted(Comparator.comparingDouble((Integer d) -> fused.get(Integer.toString(d))).reversed())
                        .limit(request.k() * 3L)
                        .toList();
                Map<Integer, Double> scores = new HashMap<>();
                top.forEach(d -> scores.put(d, fused.get(Integer.toString(d))));
                return searcher.load(top, scores, cosine);
            });
            return Diversity.limitPerArticle(ranked, request.k(), Diversity.capFor(request.k()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ids ordered by score, best first, leaving out those with no score (0: no BM25 match). */
    private static List<String> ranking(Map<String, Double> scores) {
        return scores.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).map(Map.Entry::getKey).toList();
    }
}
