package io.citebot.retrieval;

import io.citebot.index.SearchRequest;
import io.citebot.index.Hit;
import io.citebot.index.PassageSearcher;
import io.citebot.index.SearchBackend;
import io.citebot.index.Embedder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Nearest passages by meaning: the question's embedding against the passages' HNSW graph. HNSW is approximate;
 * asking it for {@value #MIN_CANDIDATES} neighbours and keeping the best k recovers nearly all of the exact
 * top k (measured in docs/benchmarks.md). Scores are cosines.
 */
public final class DenseRetriever implements Retriever {

    /** Neighbours requested from HNSW, whatever k is. */
    public static final int MIN_CANDIDATES = 100;

    private final SearchBackend backend;
    private final Embedder embedder;

    public DenseRetriever(SearchBackend backend, Embedder embedder) {
        this.backend = backend;
        this.embedder = embedder;
    }

    @Override
    public List<Hit> retrieve(SearchRequest request) {
        float[] query = embedder.embedQuery(request.text());
        int n = Math.max(MIN_CANDIDATES, request.k() * 3);
        try {
            return backend.read(searcher -> {
                List<Integer> docs = new ArrayList<>();
                Map<Integer, Double> scores = new HashMap<>();
                for (PassageSearcher.Scored sc : searcher.nearest(query, n, request.filters())) {
                    if (docs.size() < request.k() * 3) {
                        docs.add(sc.key());
                        scores.put(sc.key(), sc.score());
                    }
                }
                return Diversity.limitPerArticle(docs, request.k(), Diversity.capFor(request.k()),
                        keys -> searcher.load(keys, scores, scores));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
