package io.citebot.solr;

import static io.citebot.index.IndexFields.*;

import io.citebot.config.IndexSettings;
import io.citebot.index.IndexBackend;
import io.citebot.index.IndexUnavailableException;
import io.citebot.index.Ingester;
import io.citebot.index.StoredArticle;
import io.citebot.index.TextAnalysis;
import io.citebot.ingest.Article;
import io.citebot.ingest.Passage;
import io.citebot.retrieval.ArticleRef;
import io.citebot.retrieval.Filters;
import io.citebot.retrieval.Hit;
import io.citebot.retrieval.PassageSearcher;
import io.citebot.retrieval.SearchBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.impl.HttpJdkSolrClient;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.client.solrj.util.ClientUtils;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrDocumentList;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.params.CursorMarkParams;
import org.apache.solr.common.params.ModifiableSolrParams;

/**
 * A SolrCloud collection as citebot's index: the same documents and fields as the embedded Lucene index (see
 * {@code src/main/resources/solr/conf/schema.xml}), searched with BM25 ({@code {!bool}} of term queries over the
 * question's terms, analysed here exactly as for Lucene) and {@code {!knn}} with the same filters as {@code fq}.
 * Fusion, the query embedding and answers stay in the bot. BM25 statistics are the whole collection's
 * ({@code ExactStatsCache}), so scores match one index.
 *
 * <p>Writes are buffered and sent at {@link #commit()} (or every {@value #FLUSH_DOCS} documents): the replaced
 * articles' old passages deleted by one query, then the new documents added, then a commit that opens a new searcher,
 * so a reader sees an article's old passages or its new ones, never a mix. Any replica may write; several writing
 * the same articles at once is safe (last commit wins) but wasteful, so one writes (see README, "Scaling out").
 */
public final class SolrIndex implements IndexBackend, SearchBackend {

    static final int FLUSH_DOCS = 2_000;
    /** Document frequencies change slowly; an answer asks for a dozen terms. */
    private static final long IDF_TTL_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final int IDF_CACHE_MAX = 100_000;
    static final String ID = "id";
    private static final String ARTICLE_FIELDS = String.join(",", ARTICLE_ID, HEADLINE, DATE, SOURCE, URL, ORIGIN, HASH, PASSAGES);
    private static final String HIT_FIELDS = String.join(",", ID, ARTICLE_ID, PASSAGE_ID, ORDINAL, TEXT, TITLE, START, END, DATE, SOURCE, URL);

    private final CloudSolrClient client;
    private final String collection;
    private final TextAnalysis analysis;
    private final boolean writes;
    private final Map<String, List<SolrInputDocument>> pendingArticles = new LinkedHashMap<>();
    private final Map<String, String> pendingFiles = new LinkedHashMap<>();
    private int pendingDocs;
    private final Map<String, long[]> docFreqs = new ConcurrentHashMap<>();
    private volatile long[] passageTotal = {0, 0};

    private SolrIndex(CloudSolrClient client, String collection, TextAnalysis analysis, boolean writes) {
        this.client = client;
        this.collection = collection;
        this.analysis = analysis;
        this.writes = writes;
    }

    /**
     * Connects to the cluster, creating the collection (and uploading citebot's configset) when it does not exist.
     *
     * @throws IOException when no node answers or the collection cannot be created, saying why
     */
    public static SolrIndex open(IndexSettings settings, TextAnalysis analysis) throws IOException {
        CloudSolrClient client = client(settings);
        try {
            SolrCollections.ensure(client, settings);
            return new SolrIndex(client, settings.collection(), analysis, settings.writes());
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** Deletes a collection if it exists (benchmarks start from an empty one with --fresh). */
    public static void deleteCollection(IndexSettings settings) throws IOException {
        try (CloudSolrClient client = client(settings)) {
            if (org.apache.solr.client.solrj.request.CollectionAdminRequest.listCollections(client).contains(settings.collection())) {
                org.apache.solr.client.solrj.request.CollectionAdminRequest.deleteCollection(settings.collection()).process(client);
            }
        } catch (SolrServerException | RuntimeException e) {
            throw new IOException("Solr could not delete the collection " + settings.collection() + ": " + rootMessage(e), e);
        }
    }

    /**
     * A cluster-aware client over the JDK's HTTP client. Its threads are virtual and unbounded: the JDK client streams
     * each request body through a pipe read by another task of the same executor, and with a bounded pool, updates
     * sent to four shard leaders at once filled it with writers and waited forever (seen here with 4 shards).
     */
    private static CloudSolrClient client(IndexSettings settings) {
        return new CloudSolrClient.Builder(settings.solrUrls())
                .withHttpClientBuilder(new HttpJdkSolrClient.Builder()
                        .withExecutor(VIRTUAL_THREADS)
                        .withConnectionTimeout(5, TimeUnit.SECONDS)
                        .withRequestTimeout(120, TimeUnit.SECONDS)
                        .useHttp1_1(true))
                .withDefaultCollection(settings.collection())
                .build();
    }

    /** Shared by every client of this process; virtual threads cost nothing while idle. */
    private static final java.util.concurrent.ExecutorService VIRTUAL_THREADS = java.util.concurrent.Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("solr-http-", 0).factory());

    @Override
    public TextAnalysis analysis() {
        return analysis;
    }

    /** Whether this process writes ({@code CITEBOT_SOLR_WRITES}); the cluster itself always accepts writes. */
    @Override
    public boolean writable() {
        return writes;
    }

    // ---- writing

    @Override
    public void put(Article article, List<Passage> passages, List<float[]> vectors, String origin, String contentHash) throws IOException {
        if (vectors.size() != passages.size()) {
            throw new IllegalArgumentException("one vector per passage: " + passages.size() + " passages, " + vectors.size() + " vectors");
        }
        List<SolrInputDocument> docs = new ArrayList<>(passages.size() + 1);
        for (int i = 0; i < passages.size(); i++) {
            Passage p = passages.get(i);
            SolrInputDocument doc = new SolrInputDocument();
            doc.addField(ID, p.id());
            doc.addField(KIND, KIND_PASSAGE);
            doc.addField(ARTICLE_ID, article.id());
            doc.addField(PASSAGE_ID, p.id());
            doc.addField(ORDINAL, p.ordinal());
            doc.addField(TEXT, p.text());
            doc.addField(TITLE, article.title());
            doc.addField(START, p.start());
            doc.addField(END, p.end());
            doc.addField(TEXT_HASH, io.citebot.index.ArticleIndex.textHash(Ingester.embeddingInput(article, p)));
            List<Float> v = new ArrayList<>(vectors.get(i).length);
            for (float f : vectors.get(i)) {
                v.add(f);
            }
            doc.addField(VECTOR, v);
            addMetadata(doc, article);
            docs.add(doc);
        }
        SolrInputDocument meta = new SolrInputDocument();
        meta.addField(ID, "article:" + article.id());
        meta.addField(KIND, KIND_ARTICLE);
        meta.addField(ARTICLE_ID, article.id());
        meta.addField(HEADLINE, article.title());
        meta.addField(ORIGIN, origin);
        meta.addField(HASH, contentHash);
        meta.addField(PASSAGES, passages.size());
        addMetadata(meta, article);
        docs.add(meta);
        synchronized (this) {
            List<SolrInputDocument> old = pendingArticles.put(article.id(), docs);
            pendingDocs += docs.size() - (old == null ? 0 : old.size());
        }
        flushIfFull();
    }

    private static void addMetadata(SolrInputDocument doc, Article article) {
        doc.addField(DATED, article.date() != null ? "yes" : "no");
        if (article.date() != null) {
            doc.addField(DATE, article.date().toString());
            doc.addField(DATE_DAYS, (int) article.date().toEpochDay());
        }
        if (article.source() != null) {
            doc.addField(SOURCE, article.source());
            doc.addField(SOURCE_KEY, article.source().toLowerCase(Locale.ROOT));
        }
        if (article.url() != null) {
            doc.addField(URL, article.url());
        }
    }

    @Override
    public synchronized void deleteArticle(String articleId) {
        List<SolrInputDocument> old = pendingArticles.put(articleId, List.of());
        pendingDocs -= old == null ? 0 : old.size();
    }

    @Override
    public synchronized void putFile(String origin, String fileHash) {
        pendingFiles.put(origin, fileHash);
    }

    @Override
    public synchronized void deleteFile(String origin) {
        pendingFiles.put(origin, null);
    }

    private void flushIfFull() throws IOException {
        synchronized (this) {
            if (pendingDocs < FLUSH_DOCS) {
                return;
            }
        }
        flush();
    }

    /** Sends the buffered writes: old passages of every touched article deleted, then the new documents added. */
    private synchronized void flush() throws IOException {
        try {
            List<String> ids = new ArrayList<>(pendingArticles.keySet());
            for (int i = 0; i < ids.size(); i += 400) {
                StringBuilder q = new StringBuilder(ARTICLE_ID).append(":(");
                for (String id : ids.subList(i, Math.min(ids.size(), i + 400))) {
                    q.append(ClientUtils.escapeQueryChars(id)).append(' ');
                }
                client.deleteByQuery(collection, q.append(')').toString());
            }
            List<SolrInputDocument> docs = new ArrayList<>();
            List<String> goneFiles = new ArrayList<>();
            pendingArticles.values().forEach(docs::addAll);
            pendingFiles.forEach((origin, hash) -> {
                if (hash == null) {
                    goneFiles.add("file:" + origin);
                } else {
                    SolrInputDocument doc = new SolrInputDocument();
                    doc.addField(ID, "file:" + origin);
                    doc.addField(KIND, KIND_FILE);
                    doc.addField(ORIGIN, origin);
                    doc.addField(HASH, hash);
                    docs.add(doc);
                }
            });
            if (!goneFiles.isEmpty()) {
                client.deleteById(collection, goneFiles);
            }
            for (int i = 0; i < docs.size(); i += 500) {
                client.add(collection, docs.subList(i, Math.min(docs.size(), i + 500)));
            }
            pendingArticles.clear();
            pendingFiles.clear();
            pendingDocs = 0;
        } catch (SolrServerException | RuntimeException e) {
            throw failure("writing to", e);
        }
    }

    @Override
    public void commit() throws IOException {
        flush();
        try {
            client.commit(collection, true, true);
        } catch (SolrServerException | RuntimeException e) {
            throw failure("committing to", e);
        }
    }

    // ---- reading metadata

    @Override
    public Map<String, float[]> vectorsOf(String articleId) throws IOException {
        ModifiableSolrParams p = params("{!term f=" + ARTICLE_ID + "}" + articleId, 10_000, TEXT_HASH + "," + VECTOR);
        p.add("fq", "{!term f=" + KIND + "}" + KIND_PASSAGE);
        Map<String, float[]> vectors = new HashMap<>();
        for (SolrDocument d : query(p).getResults()) {
            vectors.put((String) d.getFirstValue(TEXT_HASH), vector(d.getFieldValues(VECTOR)));
        }
        return vectors;
    }

    private static float[] vector(Collection<Object> values) {
        float[] v = new float[values.size()];
        int i = 0;
        for (Object o : values) {
            v[i++] = ((Number) o).floatValue();
        }
        return v;
    }

    @Override
    public Map<String, String> files() throws IOException {
        Map<String, String> files = new HashMap<>();
        forEach(KIND_FILE, ORIGIN + "," + HASH, d -> files.put((String) d.getFirstValue(ORIGIN), (String) d.getFirstValue(HASH)));
        return files;
    }

    @Override
    public Map<String, StoredArticle> articles() throws IOException {
        Map<String, StoredArticle> articles = new LinkedHashMap<>();
        forEach(KIND_ARTICLE, ARTICLE_FIELDS, d -> {
            StoredArticle a = stored(d);
            articles.put(a.id(), a);
        });
        return articles;
    }

    @Override
    public Map<String, StoredArticle> articles(Collection<String> ids) throws IOException {
        Map<String, StoredArticle> found = new LinkedHashMap<>();
        List<String> all = new ArrayList<>(new LinkedHashSet<>(ids));
        for (int i = 0; i < all.size(); i += 1000) {
            List<String> chunk = all.subList(i, Math.min(all.size(), i + 1000));
            ModifiableSolrParams p = anyOf(ARTICLE_ID, chunk, chunk.size(), ARTICLE_FIELDS);
            p.add("fq", "{!term f=" + KIND + "}" + KIND_ARTICLE);
            for (SolrDocument d : query(p).getResults()) {
                StoredArticle a = stored(d);
                found.put(a.id(), a);
            }
        }
        return found;
    }

    @Override
    public List<StoredArticle> articlesAfter(String after, int limit) throws IOException {
        ModifiableSolrParams p = params("{!term f=" + KIND + "}" + KIND_ARTICLE, limit, ARTICLE_FIELDS);
        if (after != null) {
            p.add("fq", ARTICLE_ID + ":{" + ClientUtils.escapeQueryChars(after) + " TO *]");
        }
        p.set("sort", ARTICLE_ID + " asc");
        List<StoredArticle> page = new ArrayList<>();
        for (SolrDocument d : query(p).getResults()) {
            page.add(stored(d));
        }
        return page;
    }

    private static StoredArticle stored(SolrDocument d) {
        String date = (String) d.getFirstValue(DATE);
        return new StoredArticle((String) d.getFirstValue(ARTICLE_ID), (String) d.getFirstValue(HEADLINE),
                date == null ? null : LocalDate.parse(date), (String) d.getFirstValue(SOURCE), (String) d.getFirstValue(URL),
                (String) d.getFirstValue(ORIGIN), (String) d.getFirstValue(HASH), ((Number) d.getFirstValue(PASSAGES)).intValue());
    }

    /** Every document of a kind, a thousand at a time (cursor paging: deep pages cost no more than the first). */
    private void forEach(String kind, String fields, Consumer<SolrDocument> consumer) throws IOException {
        String cursor = CursorMarkParams.CURSOR_MARK_START;
        while (true) {
            ModifiableSolrParams p = params("{!term f=" + KIND + "}" + kind, 1000, fields);
            p.set("sort", ID + " asc");
            p.set(CursorMarkParams.CURSOR_MARK_PARAM, cursor);
            QueryResponse r = query(p);
            r.getResults().forEach(consumer);
            if (cursor.equals(r.getNextCursorMark())) {
                return;
            }
            cursor = r.getNextCursorMark();
        }
    }

    @Override
    public int articleCount() throws IOException {
        return count(KIND_ARTICLE);
    }

    @Override
    public int passageCount() throws IOException {
        return count(KIND_PASSAGE);
    }

    private int count(String kind) throws IOException {
        return (int) query(params("{!term f=" + KIND + "}" + kind, 0, ID)).getResults().getNumFound();
    }

    @Override
    public Optional<LocalDate> newestDate() throws IOException {
        ModifiableSolrParams p = params("{!term f=" + KIND + "}" + KIND_ARTICLE, 1, DATE);
        p.add("fq", "{!term f=" + DATED + "}yes");
        p.set("sort", DATE_DAYS + " desc");
        SolrDocumentList docs = query(p).getResults();
        return docs.isEmpty() ? Optional.empty() : Optional.of(LocalDate.parse((String) docs.get(0).getFirstValue(DATE)));
    }

    /**
     * BM25's idf of each term over the passages, from the collection's document frequencies (one request with a facet
     * query per term not seen in the last minute).
     */
    @Override
    public Map<String, Double> idf(Collection<String> terms) {
        long now = System.nanoTime();
        List<String> missing = uncached(terms);
        if (!missing.isEmpty() || now - passageTotal[1] > IDF_TTL_NANOS) {
            try {
                ModifiableSolrParams p = params("{!term f=" + KIND + "}" + KIND_PASSAGE, 0, ID);
                p.set("facet", true);
                for (int i = 0; i < missing.size(); i++) {
                    p.add("facet.query", "{!term f=" + TEXT + " key=t" + i + "}" + missing.get(i));
                }
                QueryResponse r = query(p);
                passageTotal = new long[] {r.getResults().getNumFound(), now};
                remember(missing, r.getFacetQuery(), now);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        long n = Math.max(1, passageTotal[0]);
        Map<String, Double> idf = new HashMap<>();
        for (String t : terms) {
            long[] cached = docFreqs.get(t);
            long df = cached == null ? 0 : cached[0];
            idf.put(t, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
        }
        return idf;
    }

    /** The terms whose document frequency is not known from the last minute. */
    private List<String> uncached(Collection<String> terms) {
        long now = System.nanoTime();
        List<String> missing = new ArrayList<>();
        for (String t : new LinkedHashSet<>(terms)) {
            long[] df = docFreqs.get(t);
            if (df == null || now - df[1] > IDF_TTL_NANOS) {
                missing.add(t);
            }
        }
        return missing;
    }

    /** Stores the counts of facet queries keyed t0, t1, ... for these terms. */
    private void remember(List<String> terms, Map<String, Integer> counts, long now) {
        Map<String, Integer> c = counts == null ? Map.of() : counts;
        if (docFreqs.size() + terms.size() > IDF_CACHE_MAX) {
            docFreqs.clear();
        }
        for (int i = 0; i < terms.size(); i++) {
            docFreqs.put(terms.get(i), new long[] {c.getOrDefault("t" + i, 0), now});
        }
    }

    @Override
    public long backup(Path target) {
        throw new UnsupportedOperationException("the index is the Solr collection " + collection
                + ": back it up with Solr's collection BACKUP (README, \"Scaling out\")");
    }

    // ---- searching

    @Override
    public <T> T read(Work<T> work) throws IOException {
        return work.run(new View());
    }

    /**
     * One question's searches. Solr has no read view that spans requests, so keys name passage ids held here; a
     * passage deleted between two requests is left out of {@link #load}.
     */
    private final class View implements PassageSearcher {
        private final Map<String, Integer> keys = new HashMap<>();
        private final List<String> ids = new ArrayList<>();

        private synchronized int key(String id) {
            return keys.computeIfAbsent(id, k -> {
                ids.add(k);
                return ids.size() - 1;
            });
        }

        @Override
        public List<Scored> bm25(String text, int n, Filters filters) throws IOException {
            List<String> terms = analysis.queryTerms(text).stream().distinct().limit(MAX_QUERY_TERMS).toList();
            if (terms.isEmpty()) {
                return List.of();
            }
            ModifiableSolrParams p = new ModifiableSolrParams();
            StringBuilder q = new StringBuilder("{!bool");
            for (int i = 0; i < terms.size(); i++) {
                q.append(" should=$b").append(i).append(" should=$h").append(i);
                p.set("b" + i, "{!term f=" + TEXT + "}" + terms.get(i));
                String title = "{!term f=" + TITLE + "}" + terms.get(i);
                if (TITLE_BOOST == 1.0f) {
                    p.set("h" + i, title);
                } else {
                    p.set("h" + i, "{!boost b=" + TITLE_BOOST + " v=$ht" + i + "}");
                    p.set("ht" + i, title);
                }
            }
            p.set("q", q.append('}').toString());
            p.set("rows", n);
            p.set("fl", ID + ",score");
            filter(p, filters);
            // every passage holding a term matches this disjunction, so without other filters a facet query per term
            // counts its document frequency: the answerer's idf comes with the search, not in another request
            List<String> counted = filters.equals(Filters.NONE) ? uncached(terms) : List.of();
            if (!counted.isEmpty()) {
                p.set("facet", true);
                for (int i = 0; i < counted.size(); i++) {
                    p.add("facet.query", "{!term f=" + TEXT + " key=t" + i + "}" + counted.get(i));
                }
            }
            QueryResponse r = query(p);
            if (!counted.isEmpty()) {
                remember(counted, r.getFacetQuery(), System.nanoTime());
            }
            return scored(r.getResults(), false);
        }

        /** Both searches at once: the kNN request on a virtual thread while BM25 runs here. */
        @Override
        public Lists bm25AndNearest(String text, int bm25N, float[] vector, int nearestN, Filters filters) throws IOException {
            java.util.concurrent.FutureTask<List<Scored>> dense = new java.util.concurrent.FutureTask<>(() -> nearest(vector, nearestN, filters));
            Thread.ofVirtual().name("solr-knn").start(dense);
            List<Scored> lexical = bm25(text, bm25N, filters);
            try {
                return new Lists(lexical, dense.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while searching", e);
            } catch (java.util.concurrent.ExecutionException e) {
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
            ModifiableSolrParams p = anyOf(PASSAGE_ID, passageIds, max, HIT_FIELDS);
            filter(p, filters);
            return hits(query(p).getResults());
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

    /** Documents whose {@code field} is one of {@code values} (exact; any characters), at most 1000 values. */
    private static ModifiableSolrParams anyOf(String field, Collection<String> values, int rows, String fields) {
        ModifiableSolrParams p = new ModifiableSolrParams();
        StringBuilder q = new StringBuilder("{!bool");
        int i = 0;
        for (String v : values) {
            if (i == 1000) {
                break;
            }
            q.append(" should=$v").append(i);
            p.set("v" + i++, "{!term f=" + field + "}" + v);
        }
        p.set("q", q.append('}').toString());
        p.set("rows", rows);
        p.set("fl", fields);
        return p;
    }

    private static ModifiableSolrParams params(String q, int rows, String fields) {
        ModifiableSolrParams p = new ModifiableSolrParams();
        p.set("q", q);
        p.set("rows", rows);
        p.set("fl", fields);
        return p;
    }

    /**
     * One read request. Reads are idempotent, so a failure of the connection or a 5xx (a node just died: pooled
     * connections to it break, a coordinator finds a shard replica gone before ZooKeeper says so) is retried twice,
     * after 50 and 250 ms, on whatever node the client picks next; a 4xx is not.
     */
    private QueryResponse query(ModifiableSolrParams p) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                return new QueryRequest(p, SolrRequest.METHOD.POST).process(client, collection);
            } catch (SolrServerException | IOException | RuntimeException e) {
                if (attempt == READ_RETRIES || !transient_(e)) {
                    throw failure("searching", e);
                }
                try {
                    Thread.sleep(attempt == 0 ? 50 : 250);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw failure("searching", e);
                }
            }
        }
    }

    private static final int READ_RETRIES = 2;

    /** A failure worth one more try: the connection broke, or the cluster answered 5xx. */
    static boolean transient_(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.apache.solr.common.SolrException se) {
                return se.code() >= 500 || se.code() <= 0;
            }
            if (t instanceof IOException) {
                return true;
            }
        }
        return e instanceof SolrServerException;
    }

    private IOException failure(String what, Exception e) {
        String message = "Solr failed " + what + " the collection " + collection + ": " + rootMessage(e);
        return transient_(e) ? new IndexUnavailableException(message, e) : new IOException(message, e);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }

    @Override
    public void close() throws IOException {
        try {
            boolean pending;
            synchronized (this) {
                pending = !pendingArticles.isEmpty() || !pendingFiles.isEmpty();
            }
            if (pending) {
                commit();
            }
        } finally {
            client.close();
        }
    }
}
