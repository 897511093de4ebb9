package io.citebot.retrieval;

import io.citebot.index.ArticleIndex;
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
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;

/**
 * BM25 and dense retrieval fused by a weighted sum of per-query min-max normalised scores. The candidates are
 * the top {@value #CANDIDATES} of each list, and each is scored by both methods: cosine exactly from the
 * stored vector, BM25 from a deeper BM25 list (a passage below its depth has a BM25 score near the minimum).
 * Stored fields are loaded only for the passages returned.
 */
public final class HybridRetriever implements Retriever {

    /**
     * Weight of BM25 in the fused score; cosine gets the rest. Chosen on ../shared/bench/squad with
     * {@code citebot eval} (README, "Fusion"), checked on hotpotqa.
     */
    public static final double DEFAULT_BM25_WEIGHT = 0.4;
    /** Candidates taken from the top of each list. */
    static final int CANDIDATES = 50;
    /** How deep the BM25 list is read for the scores of dense candidates. */
    static final int BM25_DEPTH = 1000;

    /** How the two lists are merged. */
    public enum Method { WEIGHTED, RRF }

    private final ArticleIndex index;
    private final Embedder embedder;
    private final double bm25Weight;
    private final Method method;

    /**
     * @param bm25Weight weight of BM25 for {@link Method#WEIGHTED} (0..1)
     * @param method     weighted sum of normalised scores (the default), or reciprocal rank fusion
     */
    public HybridRetriever(ArticleIndex index, Embedder embedder, double bm25Weight, Method method) {
        if (bm25Weight < 0 || bm25Weight > 1) {
            throw new IllegalArgumentException("bm25Weight must be in [0, 1]");
        }
        this.index = index;
        this.embedder = embedder;
        this.bm25Weight = bm25Weight;
        this.method = method;
    }

    @Override
    public List<Hit> retrieve(SearchRequest request) {
        float[] vector = embedder.embedQuery(request.text());
        int n = Math.max(CANDIDATES, request.k() * 3);
        Query bm25Query = LuceneSearch.bm25(index.analysis(), request.text(), request.filters());
        try {
            List<Hit> ranked = index.withSearcher(searcher -> {
                Map<Integer, Double> bm25All = new HashMap<>();
                Set<Integer> candidates = new LinkedHashSet<>();
                if (bm25Query != null) {
                    ScoreDoc[] docs = searcher.search(bm25Query, Math.max(BM25_DEPTH, n)).scoreDocs;
                    for (int i = 0; i < docs.length; i++) {
                        bm25All.put(docs[i].doc, (double) docs[i].score);
                        if (i < n) {
                            candidates.add(docs[i].doc);
                        }
                    }
                }
                Map<Integer, Double> cosine = new HashMap<>();
                List<String> denseRanking = new ArrayList<>();
                for (ScoreDoc sd : searcher.search(LuceneSearch.knn(vector, n, request.filters()), n).scoreDocs) {
                    candidates.add(sd.doc);
                    cosine.put(sd.doc, LuceneSearch.cosineOf(sd.score));
                    denseRanking.add(Integer.toString(sd.doc));
                }
                int[] missing = candidates.stream().filter(d -> !cosine.containsKey(d)).mapToInt(Integer::intValue).toArray();
                cosine.putAll(LuceneSearch.cosines(searcher, vector, missing));
                Map<String, Double> bm25 = new HashMap<>();
                Map<String, Double> cos = new HashMap<>();
                for (int d : candidates) {
                    String key = Integer.toString(d);
                    bm25.put(key, bm25All.getOrDefault(d, 0.0));
                    cos.put(key, cosine.getOrDefault(d, -1.0));
                }
                Map<String, Double> fused = method == Method.WEIGHTED
                        ? Fusion.weightedSum(bm25, cos, bm25Weight)
                        : Fusion.reciprocalRank(List.of(ranking(bm25), denseRanking), Fusion.RRF_K);
                List<Integer> top = candidates.stream()
                        .sorted(Comparator.comparingDouble((Integer d) -> fused.get(Integer.toString(d))).reversed())
                        .limit(request.k() * 3L)
                        .toList();
                Map<Integer, Double> scores = new HashMap<>();
                top.forEach(d -> scores.put(d, fused.get(Integer.toString(d))));
                return LuceneSearch.load(searcher, top, scores, cosine);
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
