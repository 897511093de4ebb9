package io.citebot.index.solr;

import static io.citebot.index.IndexFields.*;

import io.citebot.index.ArticleRef;
import io.citebot.index.CopySketch;
import io.citebot.index.Filters;
import io.citebot.index.Hit;
import io.citebot.index.PassageSearcher;
import io.citebot.index.SearchBackend;
import io.citebot.index.TextAnalysis;
import io.citebot.ingest.Passage;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.client.solrj.util.ClientUtils;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrDocumentList;
import org.apache.solr.common.params.ModifiableSolrParams;

/**
 * One question's searches. Solr has no read view that spans requests, so keys name passage ids held here; a
 * passage deleted between two requests is left out of {@link #load}.
 */
final class SolrSearcher implements PassageSearcher {

    static final String ID = "id";
    /** Candidates read per passage in a copy lookup. */
    static final int COPY_CANDIDATES = 25;
    static final String HIT_FIELDS = String.join(",", ID, ARTICLE_ID, PASSAGE_ID, ORDINAL, TEXT, TITLE, START, END, DATE, SOURCE, URL);

    private final SolrRequests requests;
    private final TextAnalysis analysis;
    private final SolrTermStats stats;
    private final boolean sketches;
    private final Map<String, Integer> keys = new HashMap<>();
    private final List<String> ids = new ArrayList<>();

    /**
     * @param sketches whether the collection indexes copy sketches (one created before they existed does not: copies
     *                 are then found among the retrieved passages only)
     */
    SolrSearcher(SolrRequests requests, TextAnalysis analysis, SolrTermStats stats, boolean sketches) {
        this.requests = requests;
        this.sketches = sketches;
        this.analysis = analysis;
        this.stats = stats;
    }

    private synchronized int key(String id) {
        return keys.computeIfAbsent(id, k -> {
            ids.add(k);
            return ids.size() - 1;
        });
    }

    @Override
    public List<Scored> bm25(String text, int n, Filters filters) throws IOException {
        List<String> terms = analysis.queryTerms(text).stream().distinct().limit(SearchBackend.MAX_QUERY_TERMS).toList();
        if (terms.isEmpty()) {
            return List.of();
        }
        ModifiableSolrParams p = new ModifiableSolrParams();
        StringBuilder q = new StringBuilder("{!bool");
        for (int i = 0; i < terms.size(); i++) {
            q.append(" should=$b").append(i).append(" should=$h").append(i);
            p.set("b" + i, "{!term f=" + TEXT + "}" + terms.get(i));
            String title = "{!term f=" + TITLE + "}" + terms.get(i);
            if (SearchBackend.TITLE_BOOST == 1.0f) {
                p.set("h" + i, title);
            } else {
                p.set("h" + i, "{!boost b=" + SearchBackend.TITLE_BOOST + " v=$ht" + i + "}");
                p.set("ht" + i, title);
            }
        }
        p.set("q", q.append('}').toString());
        p.set("rows", n);
        p.set("fl", ID + ",score");
        filter(p, filters);
        // every passage holding a term matches this disjunction, so without other filters a facet query per term
        // counts its document frequency: the answerer's idf comes with the search, not in another request
        List<String> counted = filters.equals(Filters.NONE) ? stats.uncached(terms) : List.of();
        if (!counted.isEmpty()) {
            p.set("facet", true);
            for (int i = 0; i < counted.size(); i++) {
                p.add("facet.query", "{!term f=" + TEXT + " key=t" + i + "}" + counted.get(i));
            }
        }
        QueryResponse r = query(p);
        if (!counted.isEmpty()) {
            stats.remember(counted, r.getFacetQuery(), System.nanoTime());
        }
        return scored(r.getResults(), false);
    }

    /**
     * Both searches at once: the BM25 request on a virtual thread, sent before the question's vector is computed here,
     * then the kNN request from here.
     */
    @Override
    public Lists bm25AndNearest(String text, int bm25N, Supplier<float[]> vector, int nearestN, Filters filters)
            throws IOException {
        FutureTask<List<Scored>> lexical = new FutureTask<>(() -> bm25(text, bm25N, filters));
        Thread.ofVirtual().name("solr-bm25").start(lexical);
        float[] v;
        List<Scored> dense;
        try {
            v = vector.get();
            dense = nearest(v, nearestN, filters);
        } catch (IOException | RuntimeException | Error e) {
            lexical.cancel(false); // its request ends on its own; nothing waits for it
            throw e;
        }
        try {
            return new Lists(lexical.get(), dense, v);
        } catch (InterruptedException e) {
            lexical.cancel(false);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while searching", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    @Override
    public List<Scored> nearest(float[] vector, int n, Filters filters) throws IOException {
        ModifiableSolrParams p = params("{!knn f=" + VECTOR + " topK=" + n + "}" + literal(vector), n, ID + ",score");
        filter(p, filters);
        return scored(query(p).getResults(), true);
    }

    /** Exact cosines from the stored vectors, fetched by id (real-time get: one hop per shard, no search phases). */
    @Override
    public Map<Integer, Double> cosines(float[] vector, int[] keyList) throws IOException {
        Map<Integer, Double> out = new HashMap<>();
        for (SolrDocument d : get(keyList, ID + "," + VECTOR)) {
            Collection<Object> values = d.getFieldValues(VECTOR);
            if (values != null && values.size() == vector.length) {
                double dot = 0;
                int i = 0;
                for (Object o : values) {
                    dot += vector[i++] * ((Number) o).floatValue();
                }
                out.put(keys.get((String) d.getFirstValue(ID)), dot);
            }
        }
        return out;
    }

    @Override
    public List<Hit> load(List<Integer> keyList, Map<Integer, Double> scores, Map<Integer, Double> cosines) throws IOException {
        Map<String, SolrDocument> docs = new HashMap<>();
        for (SolrDocument d : get(keyList.stream().mapToInt(Integer::intValue).toArray(), HIT_FIELDS)) {
            docs.put((String) d.getFirstValue(ID), d);
        }
        List<Hit> hits = new ArrayList<>(keyList.size());
        for (int k : keyList) {
            SolrDocument d = docs.get(ids.get(k));
            if (d != null) {
                hits.add(toHit(d, scores.get(k), cosines.getOrDefault(k, Double.NaN)));
            }
        }
        return hits;
    }

    private SolrDocumentList get(int[] keyList, String fields) throws IOException {
        if (keyList.length == 0) {
            return new SolrDocumentList();
        }
        List<String> wanted = new ArrayList<>(keyList.length);
        for (int k : keyList) {
            wanted.add(ids.get(k));
        }
        // real-time get, POSTed: a GET's URL is too short for fifty long ids
        ModifiableSolrParams p = new ModifiableSolrParams();
        p.set("qt", "/get");
        p.set("fl", fields);
        wanted.forEach(id -> p.add("id", id));
        QueryResponse r = query(p);
        if (r.getResults() != null) {
            return r.getResults();
        }
        // one id: real-time get answers with a single "doc" (null when there is none)
        SolrDocumentList one = new SolrDocumentList();
        if (r.getResponse().get("doc") instanceof SolrDocument d) {
            one.add(d);
        }
        return one;
    }

    @Override
    public List<Hit> byIds(Collection<String> passageIds, Filters filters, int max) throws IOException {
        if (passageIds.isEmpty()) {
            return List.of();
        }
        ModifiableSolrParams p = SolrRequests.anyOf(PASSAGE_ID, passageIds, max, HIT_FIELDS);
        filter(p, filters);
        return hits(query(p).getResults());
    }

    /**
     * One request for all the passages: the passages of other articles sharing at least two sketch values with any
     * of them, each then given to the passages it shares two values with (the caller confirms them on their 5-grams).
     */
    @Override
    public Map<String, List<Hit>> copies(List<Hit> passages, Filters filters) throws IOException {
        Map<String, List<Hit>> out = new LinkedHashMap<>();
        Map<Hit, Set<String>> sketches = new LinkedHashMap<>();
        for (Hit h : passages) {
            List<String> sketch = CopySketch.terms(h.passage().text());
            if (!sketch.isEmpty()) {
                sketches.put(h, new HashSet<>(sketch));
            }
        }
        if (!this.sketches || sketches.isEmpty()) {
            return out;
        }
        Set<String> terms = new LinkedHashSet<>();
        sketches.values().forEach(terms::addAll);
        // edismax over the string field: one term query per sketch value, at least MIN_SHARED of them
        ModifiableSolrParams p = params("{!edismax qf=" + COPY_SKETCH + " mm=" + CopySketch.MIN_SHARED + " v=$sketch}",
                COPY_CANDIDATES * sketches.size(), HIT_FIELDS);
        p.set("sketch", String.join(" ", terms));
        filter(p, filters);
        StringBuilder except = new StringBuilder("{!lucene}*:*");
        sketches.keySet().stream().map(h -> h.article().id()).distinct()
                .forEach(id -> except.append(" -").append(ARTICLE_ID).append(':').append(ClientUtils.escapeQueryChars(id)));
        p.add("fq", except.toString());
        for (Hit c : hits(query(p).getResults())) {
            Set<String> candidate = new HashSet<>(CopySketch.terms(c.passage().text()));
            sketches.forEach((h, sketch) -> {
                long shared = sketch.stream().filter(candidate::contains).count();
                if (shared >= CopySketch.MIN_SHARED && !CopySketch.sameOutlet(h.article(), c.article())) {
                    out.computeIfAbsent(h.passage().id(), k -> new ArrayList<>()).add(c);
                }
            });
        }
        return out;
    }

    @Override
    public List<Hit> ofArticle(String articleId, int max) throws IOException {
        ModifiableSolrParams p = params("{!term f=" + ARTICLE_ID + "}" + articleId, max, HIT_FIELDS);
        p.add("fq", "{!term f=" + KIND + "}" + KIND_PASSAGE);
        return hits(query(p).getResults());
    }

    private List<Scored> scored(SolrDocumentList docs, boolean cosine) {
        List<Scored> out = new ArrayList<>(docs.size());
        for (SolrDocument d : docs) {
            double score = ((Number) d.getFirstValue("score")).doubleValue();
            out.add(new Scored(key((String) d.getFirstValue(ID)), cosine ? cosineOf(score) : score));
        }
        return out;
    }

    private List<Hit> hits(SolrDocumentList docs) {
        List<Hit> out = new ArrayList<>(docs.size());
        for (SolrDocument d : docs) {
            out.add(toHit(d, 1.0, Double.NaN));
        }
        return out;
    }

    private ModifiableSolrParams params(String q, int rows, String fields) {
        return SolrRequests.params(q, rows, fields);
    }

    private QueryResponse query(ModifiableSolrParams p) throws IOException {
        return requests.query(p);
    }

    /** The filters as Solr filter queries: passages only, then the date range and the source. */
    static void filter(ModifiableSolrParams p, Filters filters) {
        p.add("fq", "{!term f=" + KIND + "}" + KIND_PASSAGE);
        if (filters.hasDateRange()) {
            String lo = filters.from() == null ? "*" : Long.toString(filters.from().toEpochDay());
            String hi = filters.to() == null ? "*" : Long.toString(filters.to().toEpochDay());
            String range = DATE_DAYS + ":[" + lo + " TO " + hi + "]";
            p.add("fq", filters.includeUndated() ? "{!lucene q.op=OR}" + range + " " + DATED + ":no" : range);
        }
        if (filters.source() != null) {
            p.add("fq", "{!term f=" + SOURCE_KEY + "}" + filters.source().toLowerCase(Locale.ROOT));
        }
    }

    private static Hit toHit(SolrDocument d, double score, double cosine) {
        String articleId = (String) d.getFirstValue(ARTICLE_ID);
        String date = (String) d.getFirstValue(DATE);
        Passage passage = new Passage((String) d.getFirstValue(PASSAGE_ID), articleId, ((Number) d.getFirstValue(ORDINAL)).intValue(),
                (String) d.getFirstValue(TEXT), ((Number) d.getFirstValue(START)).intValue(), ((Number) d.getFirstValue(END)).intValue());
        ArticleRef article = new ArticleRef(articleId, (String) d.getFirstValue(TITLE), date == null ? null : LocalDate.parse(date),
                (String) d.getFirstValue(SOURCE), (String) d.getFirstValue(URL));
        return new Hit(passage, article, score, cosine);
    }

    /** Lucene's dot-product score for unit vectors, {@code (1 + cos) / 2}, back to the cosine. */
    private static double cosineOf(double score) {
        return 2.0 * score - 1.0;
    }

    private static String literal(float[] vector) {
        StringBuilder b = new StringBuilder(vector.length * 12).append('[');
        for (int i = 0; i < vector.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(vector[i]);
        }
        return b.append(']').toString();
    }
}
