package io.citebot.retrieval;

import io.citebot.config.FusionMethod;
import io.citebot.index.SearchRequest;
import io.citebot.index.Hit;
import io.citebot.index.PassageSearcher;
import io.citebot.index.SearchBackend;
import io.citebot.index.Embedder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * BM25 and dense retrieval fused by a weighted sum of per-query min-max normalised scores. The candidates are
 * the top {@value #CANDIDATES} of each list, and each is scored by both methods ({@link PassageSearcher#candidates}:
 * on Lucene both exactly, from the vector values and a BM25 scorer advanced to each candidate). Stored fields are
 * loaded only for the passages the per-article cap may return ({@link Diversity#limitPerArticle(List, int, int,
 * Diversity.Loader)}).
 */
public final class HybridRetriever implements Retriever {

    /** Candidates taken from the top of each list. */
    static final int CANDIDATES = 50;

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
            return backend.read(searcher -> {
                PassageSearcher.Candidates candidates = searcher.candidates(request.text(), vector, n, request.filters());
                Map<String, Double> bm25 = new HashMap<>();
                Map<String, Double> cos = new HashMap<>();
                for (int d : candidates.keys()) {
                    String key = Integer.toString(d);
                    bm25.put(key, candidates.bm25().get(d));
                    cos.put(key, candidates.cosine().get(d));
                }
                List<String> denseRanking = candidates.denseRanking().stream().map(String::valueOf).toList();
                Map<String, Double> fused = method == FusionMethod.WEIGHTED
                        ? Fusion.weightedSum(bm25, cos, bm25Weight)
                        : Fusion.reciprocalRank(List.of(ranking(bm25), denseRanking), Fusion.RRF_K);
                List<Integer> top = candidates.keys().stream()
                        .sorted(Comparator.comparingDouble((Integer d) -> fused.get(Integer.toString(d))).reversed())
                        .limit(request.k() * 3L)
                        .toList();
                Map<Integer, Double> scores = new HashMap<>();
                top.forEach(d -> scores.put(d, fused.get(Integer.toString(d))));
                return Diversity.limitPerArticle(top, request.k(), Diversity.capFor(request.k()),
                        keys -> searcher.load(keys, scores, candidates.cosine()));
            });
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
