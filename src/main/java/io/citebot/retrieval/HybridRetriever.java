package io.citebot.retrieval;

import io.citebot.config.FusionMethod;
import io.citebot.index.Filters;
import io.citebot.index.SearchRequest;
import io.citebot.index.Hit;
import io.citebot.index.PassageSearcher;
import io.citebot.index.SearchBackend;
import io.citebot.index.Embedder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * BM25 and dense retrieval fused by a weighted sum of per-query min-max normalised scores. The candidates are
 * the top {@value #CANDIDATES} of each list, and each is scored by both methods ({@link PassageSearcher#candidates}:
 * on Lucene both exactly, from the vector values and a BM25 scorer advanced to each candidate). Stored fields are
 * loaded only for the passages the per-article cap may return ({@link Diversity#limitPerArticle(List, int, int,
 * Diversity.Loader)}). A question searched again deeper on its thread, in the same view of the index, reuses the
 * candidates of its first search ({@link Ranking}). The question is embedded inside the search, on its thread, so a
 * backend can read BM25 on the other core meanwhile (Lucene does).
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
        int n = Math.max(CANDIDATES, request.k() * 3);
        try {
            return backend.read(searcher -> {
                Ranking ranking = ranking(searcher, request, n);
                List<Integer> top = ranking.order().subList(0, Math.min(ranking.order().size(), request.k() * 3));
                return Diversity.limitPerArticle(top, request.k(), Diversity.capFor(request.k()),
                        keys -> ranking.load(searcher, keys));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The candidates of one search, fused and ordered, with the hits loaded for them so far. A question searched
     * again deeper in the same view (when copies of one report took places among its passages, the places are
     * filled from further down the same ranking) reuses the last one this thread computed: the same candidates,
     * read again, would give the same ranking, since they depend on the text, filters and number of candidates
     * alone, and on what the view holds.
     */
    private record Ranking(String text, int n, Filters filters, WeakReference<Object> contents, List<Integer> order,
                           Map<Integer, Double> scores, Map<Integer, Double> cosines, Map<Integer, Hit> loaded) {

        boolean serves(SearchRequest request, int n, Object contents) {
            return contents != null && this.contents.get() == contents && this.n == n
                    && text.equals(request.text()) && filters.equals(request.filters());
        }

        /** The hits of these keys, in their order, each read from the index once (through a view of the same contents). */
        List<Hit> load(PassageSearcher searcher, List<Integer> keys) throws IOException {
            List<Integer> missing = keys.stream().filter(k -> !loaded.containsKey(k)).toList();
            if (!missing.isEmpty()) {
                List<Hit> hits = searcher.load(missing, scores, cosines);
                for (int i = 0; i < missing.size(); i++) {
                    loaded.put(missing.get(i), hits.get(i));
                }
            }
            return keys.stream().map(loaded::get).toList();
        }
    }

    /**
     * The last ranking computed on each thread (a question's searches run on its thread), holding no view: its
     * contents only weakly, to be compared.
     */
    private final ThreadLocal<Ranking> last = new ThreadLocal<>();

    private Ranking ranking(PassageSearcher searcher, SearchRequest request, int n) throws IOException {
        Object contents = searcher.contents();
        Ranking previous = last.get();
        if (previous != null && previous.serves(request, n, contents)) {
            return previous;
        }
        // the question is embedded on this thread, inside the search, which may read BM25 meanwhile
        PassageSearcher.Candidates candidates = searcher.candidates(request.text(),
                () -> embedder.embedQuery(request.text()), n, request.filters());
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
        List<Integer> order = candidates.keys().stream()
                .sorted(Comparator.comparingDouble((Integer d) -> fused.get(Integer.toString(d))).reversed())
                .toList();
        Map<Integer, Double> scores = new HashMap<>();
        order.forEach(d -> scores.put(d, fused.get(Integer.toString(d))));
        Ranking ranking = new Ranking(request.text(), n, request.filters(), new WeakReference<>(contents), order,
                scores, candidates.cosine(), new HashMap<>());
        last.set(contents == null ? null : ranking);
        return ranking;
    }

    /** Ids ordered by score, best first, leaving out those with no score (0: no BM25 match). */
    private static List<String> ranking(Map<String, Double> scores) {
        return scores.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).map(Map.Entry::getKey).toList();
    }
}
