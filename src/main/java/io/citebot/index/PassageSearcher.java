package io.citebot.index;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The searches retrieval needs, over one consistent view of an index backend. Passages are named by keys that
 * hold within this view only (Lucene's doc ids); {@link #load} turns them into hits. Fusion, reranking and
 * answers stay above this interface, the same for every backend.
 */
public interface PassageSearcher {

    /** A passage's key and its score. */
    record Scored(int key, double score) {
    }

    /** BM25 over passages' text and headline, best first; empty when the text has no searchable term. */
    List<Scored> bm25(String text, int n, Filters filters) throws IOException;

    /** The passages nearest to {@code vector} (approximate), best first; scores are cosines. */
    List<Scored> nearest(float[] vector, int n, Filters filters) throws IOException;

    /** The two lists of hybrid retrieval. */
    record Lists(List<Scored> lexical, List<Scored> dense) {
    }

    /**
     * {@link #bm25} and {@link #nearest} for one question; a backend whose searches are remote runs them at once.
     */
    default Lists bm25AndNearest(String text, int bm25N, float[] vector, int nearestN, Filters filters) throws IOException {
        return new Lists(bm25(text, bm25N, filters), nearest(vector, nearestN, filters));
    }

    /** Exact cosines of {@code vector} with the stored vectors of these passages. */
    Map<Integer, Double> cosines(float[] vector, int[] keys) throws IOException;

    /** The hits of these passages in this order, with their scores and cosines (absent: NaN). */
    List<Hit> load(List<Integer> keys, Map<Integer, Double> scores, Map<Integer, Double> cosines) throws IOException;

    /** The passages with these ids that pass the filters (score 1, no cosine), at most {@code max}. */
    List<Hit> byIds(Collection<String> passageIds, Filters filters, int max) throws IOException;

    /** Every passage of one article, in no particular order, at most {@code max}. */
    List<Hit> ofArticle(String articleId, int max) throws IOException;
}
