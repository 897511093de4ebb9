package io.citebot.retrieval;

import io.citebot.index.SearchRequest;
import io.citebot.index.Hit;
import io.citebot.index.PassageSearcher;
import io.citebot.index.SearchBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** BM25 (Lucene's defaults, k1 = 1.2, b = 0.75) over passage text, with the headline as a second, weaker field. */
public final class Bm25Retriever implements Retriever {

    private final SearchBackend backend;

    public Bm25Retriever(SearchBackend backend) {
        this.backend = backend;
    }

    @Override
    public List<Hit> retrieve(SearchRequest request) {
        try {
            return backend.read(searcher -> {
                List<Integer> keys = new ArrayList<>();
                Map<Integer, Double> scores = new HashMap<>();
                for (PassageSearcher.Scored sc : searcher.bm25(request.text(), request.k() * 3, request.filters())) {
                    keys.add(sc.key());
                    scores.put(sc.key(), sc.score());
                }
                return Diversity.limitPerArticle(keys, request.k(), Diversity.capFor(request.k()),
                        batch -> searcher.load(batch, scores, Map.of()));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
