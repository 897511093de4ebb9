package io.citebot.index.solr;

import static io.citebot.index.IndexFields.*;
import static io.citebot.index.solr.SolrSearcher.ID;

import io.citebot.config.IndexSettings;
import io.citebot.index.IndexBackend;
import io.citebot.index.SearchBackend;
import io.citebot.index.StoredArticle;
import io.citebot.index.TextAnalysis;
import io.citebot.ingest.Article;
import io.citebot.ingest.Passage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.client.solrj.util.ClientUtils;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrDocumentList;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.params.CursorMarkParams;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SolrCloud collection as citebot's index: the same documents and fields as the embedded Lucene index (see
 * {@code src/main/resources/solr/conf/schema.xml}), searched with BM25 ({@code {!bool}} of term queries over the
 * question's terms, analysed here exactly as for Lucene) and {@code {!knn}} with the same filters as {@code fq}.
 * Fusion, the query embedding and answers stay in the bot. BM25 statistics are the whole collection's
 * ({@code ExactStatsCache}), so scores match one index. Its parts: {@link SolrSearcher} (one question's searches),
 * {@link SolrDocuments} (what is written), {@link SolrTermStats} (idf), {@link SolrRequests} (client, retries, errors),
 * {@link SolrCollections} (configset and collection on first start).
 *
 * <p>Writes are buffered and sent at {@link #commit()} (or every {@value #FLUSH_DOCS} documents): the replaced
 * articles' old passages deleted by one query, then the new documents added, then a commit that opens a new searcher,
 * so a reader sees an article's old passages or its new ones, never a mix. Any replica may write; several writing
 * the same articles at once is safe (last commit wins) but wasteful, so one writes (see docs/scaling.md).
 */
public final class SolrIndex implements IndexBackend, SearchBackend {

    private static final Logger log = LoggerFactory.getLogger(SolrIndex.class);
    static final int FLUSH_DOCS = 2_000;
    private static final String ARTICLE_FIELDS = String.join(",", ARTICLE_ID, HEADLINE, DATE, SOURCE, URL, ORIGIN, HASH, PASSAGES);

    private final SolrRequests requests;
    private final CloudSolrClient client;
    private final String collection;
    private final SolrTermStats stats;
    private final TextAnalysis analysis;
    private final boolean writes;
    /** Whether the collection's schema has the copy-sketch field (collections made before it existed keep theirs). */
    private final boolean sketches;
    private final Map<String, List<SolrInputDocument>> pendingArticles = new LinkedHashMap<>();
    private final Map<String, String> pendingFiles = new LinkedHashMap<>();
    private int pendingDocs;

    private SolrIndex(SolrRequests requests, TextAnalysis analysis, boolean writes, boolean sketches) {
        this.requests = requests;
        this.sketches = sketches;
        this.client = requests.client();
        this.collection = requests.collection();
        this.stats = new SolrTermStats(requests);
        this.analysis = analysis;
        this.writes = writes;
    }

    /**
     * Connects to the cluster, creating the collection (and uploading citebot's configset) when it does not exist.
     *
     * @throws IOException when no node answers or the collection cannot be created, saying why
     */
    public static SolrIndex open(IndexSettings settings, TextAnalysis analysis) throws IOException {
        SolrRequests requests = new SolrRequests(settings);
        try {
            SolrCollections.ensure(requests.client(), settings);
            boolean sketches = SolrCollections.hasField(requests.client(), settings.collection(), COPY_SKETCH);
            if (!sketches) {
                log.warn("The collection {} was created by an older citebot and has no {} field: copies of a report are found among "
                        + "the retrieved passages only (see docs/solrcloud.md, schema upgrades)", settings.collection(), COPY_SKETCH);
            }
            return new SolrIndex(requests, analysis, settings.writes(), sketches);
        } catch (IOException | RuntimeException e) {
            requests.close();
            throw e;
        }
    }

    /** Deletes a collection if it exists (benchmarks start from an empty one with --fresh). */
    public static void deleteCollection(IndexSettings settings) throws IOException {
        try (CloudSolrClient client = SolrRequests.client(settings)) {
            if (CollectionAdminRequest.listCollections(client).contains(settings.collection())) {
                CollectionAdminRequest.deleteCollection(settings.collection()).process(client);
            }
        } catch (SolrServerException | RuntimeException e) {
            throw new IOException("Solr could not delete the collection " + settings.collection() + ": " + SolrRequests.rootMessage(e), e);
        }
    }

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
        List<SolrInputDocument> docs = SolrDocuments.article(article, passages, vectors, origin, contentHash, sketches);
        synchronized (this) {
            List<SolrInputDocument> old = pendingArticles.put(article.id(), docs);
            pendingDocs += docs.size() - (old == null ? 0 : old.size());
        }
        flushIfFull();
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
                    docs.add(SolrDocuments.file(origin, hash));
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
            throw requests.failure("writing to", e);
        }
    }

    @Override
    public void commit() throws IOException {
        flush();
        try {
            client.commit(collection, true, true);
        } catch (SolrServerException | RuntimeException e) {
            throw requests.failure("committing to", e);
        }
    }

    // ---- reading metadata

    @Override
    public Map<String, float[]> vectorsOf(String articleId) throws IOException {
        ModifiableSolrParams p = SolrRequests.params("{!term f=" + ARTICLE_ID + "}" + articleId, 10_000, TEXT_HASH + "," + VECTOR);
        p.add("fq", "{!term f=" + KIND + "}" + KIND_PASSAGE);
        Map<String, float[]> vectors = new HashMap<>();
        for (SolrDocument d : requests.query(p).getResults()) {
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
            ModifiableSolrParams p = SolrRequests.anyOf(ARTICLE_ID, chunk, chunk.size(), ARTICLE_FIELDS);
            p.add("fq", "{!term f=" + KIND + "}" + KIND_ARTICLE);
            for (SolrDocument d : requests.query(p).getResults()) {
                StoredArticle a = stored(d);
                found.put(a.id(), a);
            }
        }
        return found;
    }

    @Override
    public List<StoredArticle> articlesAfter(String after, int limit) throws IOException {
        ModifiableSolrParams p = SolrRequests.params("{!term f=" + KIND + "}" + KIND_ARTICLE, limit, ARTICLE_FIELDS);
        if (after != null) {
            p.add("fq", ARTICLE_ID + ":{" + ClientUtils.escapeQueryChars(after) + " TO *]");
        }
        p.set("sort", ARTICLE_ID + " asc");
        List<StoredArticle> page = new ArrayList<>();
        for (SolrDocument d : requests.query(p).getResults()) {
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
            ModifiableSolrParams p = SolrRequests.params("{!term f=" + KIND + "}" + kind, 1000, fields);
            p.set("sort", ID + " asc");
            p.set(CursorMarkParams.CURSOR_MARK_PARAM, cursor);
            QueryResponse r = requests.query(p);
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
        return (int) requests.query(SolrRequests.params("{!term f=" + KIND + "}" + kind, 0, ID)).getResults().getNumFound();
    }

    @Override
    public Optional<LocalDate> newestDate() throws IOException {
        ModifiableSolrParams p = SolrRequests.params("{!term f=" + KIND + "}" + KIND_ARTICLE, 1, DATE);
        p.add("fq", "{!term f=" + DATED + "}yes");
        p.set("sort", DATE_DAYS + " desc");
        SolrDocumentList docs = requests.query(p).getResults();
        return docs.isEmpty() ? Optional.empty() : Optional.of(LocalDate.parse((String) docs.get(0).getFirstValue(DATE)));
    }

    /**
     * BM25's idf of each term over the passages, from the collection's document frequencies (one request with a facet
     * query per term not seen in the last minute).
     */
    @Override
    public Map<String, Double> idf(Collection<String> terms) {
        return stats.idf(terms);
    }

    /** Not here: a collection is backed up by Solr ({@code BACKUP}), into storage every node can reach. */
    @Override
    public long backup(Path target) throws IOException {
        throw new IOException("the index is the Solr collection " + collection
                + ": back it up with Solr's collection BACKUP (docs/scaling.md)");
    }

    // ---- searching

    @Override
    public <T> T read(Work<T> work) throws IOException {
        return work.run(new SolrSearcher(requests, analysis, stats, sketches));
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
            requests.close();
        }
    }
}
