package io.citebot.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

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

    /** The two lists of hybrid retrieval, and the question's vector the dense one was searched with. */
    record Lists(List<Scored> lexical, List<Scored> dense, float[] vector) {
    }

    /**
     * {@link #bm25} and {@link #nearest} for one question, whose vector {@code vector} computes on the calling thread
     * (once); a backend whose searches are remote sends the BM25 search before it computes the vector, and so runs
     * both at once.
     */
    default Lists bm25AndNearest(String text, int bm25N, Supplier<float[]> vector, int nearestN, Filters filters)
            throws IOException {
        List<Scored> lexical = bm25(text, bm25N, filters);
        float[] v = vector.get();
        return new Lists(lexical, nearest(v, nearestN, filters), v);
    }

    /**
     * The candidates of hybrid retrieval: the top {@code n} of BM25 and of the nearest neighbours, each scored by
     * both methods. {@code keys} holds BM25's top first, then the dense ones not already in it; a passage with no
     * BM25 match scores 0, one without a vector -1.
     */
    record Candidates(List<Integer> keys, Map<Integer, Double> bm25, Map<Integer, Double> cosine, List<Integer> denseRanking) {
    }

    /** How deep {@link #candidates} reads BM25 when a backend cannot score a passage outside its list. */
    int BM25_DEPTH = 1000;

    /** {@link #candidates(String, Supplier, int, Filters)} for a vector already computed. */
    default Candidates candidates(String text, float[] vector, int n, Filters filters) throws IOException {
        return candidates(text, () -> vector, n, filters);
    }

    /**
     * {@link #bm25AndNearest} and the missing scores of each candidate. This default reads BM25 {@value #BM25_DEPTH}
     * deep, so a dense candidate below that depth scores 0 (near the minimum anyway), and cosines exactly; a
     * backend that can score given passages (Lucene) reads BM25 only {@code n} deep and scores the rest exactly.
     *
     * <p>{@code vector} computes the question's vector (its embedding) on the calling thread, once: BM25 needs
     * nothing of it, so a backend may search BM25 meanwhile (Lucene does, on the other core; Solr sends BM25's request
     * first).
     */
    default Candidates candidates(String text, Supplier<float[]> vector, int n, Filters filters) throws IOException {
        Lists lists = bm25AndNearest(text, Math.max(BM25_DEPTH, n), vector, n, filters);
        Map<Integer, Double> bm25 = new HashMap<>();
        List<Integer> keys = new ArrayList<>();
        List<Scored> lexical = lists.lexical();
        for (int i = 0; i < lexical.size(); i++) {
            bm25.put(lexical.get(i).key(), lexical.get(i).score());
            if (i < n) {
                keys.add(lexical.get(i).key());
            }
        }
        return complete(keys, bm25, lists.dense(), lists.vector(), missing -> Map.of());
    }

    /** Scores of given passages, by key. */
    interface Scorer {
        Map<Integer, Double> score(int[] keys) throws IOException;
    }

    /**
     * Adds the dense list to {@code keys} and fills in what each candidate lacks: cosines exactly, BM25 from
     * {@code bm25Of} (those it leaves out score 0).
     */
    default Candidates complete(List<Integer> keys, Map<Integer, Double> bm25, List<Scored> dense, float[] vector,
                                Scorer bm25Of) throws IOException {
        Set<Integer> all = new LinkedHashSet<>(keys);
        Map<Integer, Double> cosine = new HashMap<>();
        List<Integer> denseRanking = new ArrayList<>(dense.size());
        for (Scored sc : dense) {
            all.add(sc.key());
            cosine.put(sc.key(), sc.score());
            denseRanking.add(sc.key());
        }
        int[] noCosine = all.stream().filter(d -> !cosine.containsKey(d)).mapToInt(Integer::intValue).toArray();
        cosine.putAll(cosines(vector, noCosine));
        int[] noBm25 = all.stream().filter(d -> !bm25.containsKey(d)).mapToInt(Integer::intValue).toArray();
        Map<Integer, Double> scored = noBm25.length > 0 ? bm25Of.score(noBm25) : Map.of();
        Map<Integer, Double> bm25Out = new HashMap<>();
        Map<Integer, Double> cosineOut = new HashMap<>();
        for (int d : all) {
            bm25Out.put(d, bm25.containsKey(d) ? bm25.get(d) : scored.getOrDefault(d, 0.0));
            cosineOut.put(d, cosine.getOrDefault(d, -1.0));
        }
        return new Candidates(List.copyOf(all), bm25Out, cosineOut, denseRanking);
    }

    /**
     * What this view sees: an object that is the same for two views of the same index contents (whose keys then name
     * the same passages), or null when the backend cannot tell. A retriever may reuse in one view what it computed in
     * another only when both give the same object.
     */
    default Object contents() {
        return null;
    }

    /** Exact cosines of {@code vector} with the vectors of these passages. */
    Map<Integer, Double> cosines(float[] vector, int[] keys) throws IOException;

    /** The hits of these passages in this order, with their scores and cosines (absent: NaN). */
    List<Hit> load(List<Integer> keys, Map<Integer, Double> scores, Map<Integer, Double> cosines) throws IOException;

    /** The passages with these ids that pass the filters (score 1, no cosine), at most {@code max}. */
    List<Hit> byIds(Collection<String> passageIds, Filters filters, int max) throws IOException;

    /**
     * Candidate copies of each of these passages elsewhere in the archive, by passage id: passages of other articles
     * that pass the filters and that a copy-sketch lookup ({@link CopySketch}) links to it (the caller confirms them
     * on their 5-grams). Empty when the index holds no sketches.
     */
    Map<String, List<Hit>> copies(List<Hit> passages, Filters filters) throws IOException;

    /** Every passage of one article, in no particular order, at most {@code max}. */
    List<Hit> ofArticle(String articleId, int max) throws IOException;
}
