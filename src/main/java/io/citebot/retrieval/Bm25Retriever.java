package io.citebot.retrieval;

import io.citebot.index.ArticleIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;

/** BM25 (Lucene's defaults, k1 = 1.2, b = 0.75) over passage text, with the headline as a second, weaker field. */
public final class Bm25Retriever implements Retriever {

    private final ArticleIndex index;

    public Bm25Retriever(ArticleIndex index) {
        this.index = index;
    }

    @Override
    public List<Hit> retrieve(SearchRequest request) {
        Query query = LuceneSearch.bm25(index.analysis(), request.text(), request.filters());
        if (query == null) {
            return List.of();
        }
        try {
            List<Hit> ranked = index.withSearcher(searcher -> {
                List<Integer> docs = new ArrayList<>();
                Map<Integer, Double> scores = new HashMap<>();
                for (ScoreDoc sd : searcher.search(query, request.k() * 3).scoreDocs) {
                    docs.add(sd.doc);
                    scores.put(sd.doc, (double) sd.score);
                }
                return LuceneSearch.load(searcher, docs, scores, Map.of());
            });
            return Diversity.limitPerArticle(ranked, request.k(), Diversity.capFor(request.k()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
