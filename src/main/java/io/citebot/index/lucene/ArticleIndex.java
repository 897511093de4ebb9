package io.citebot.index.lucene;

import io.citebot.index.CopySketch;
import io.citebot.index.IndexBackend;
import io.citebot.index.IndexLockedException;
import io.citebot.index.StoredArticle;
import io.citebot.ingest.Article;
import io.citebot.ingest.Passage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.KeepOnlyLastCommitDeletionPolicy;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SnapshotDeletionPolicy;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import static io.citebot.index.IndexFields.*;

/**
 * The Lucene index on disk. It holds three kinds of documents: one per passage (what is searched), one per
 * article (its metadata and content hash) and one per ingested file (its hash, so an unchanged file is not
 * even parsed again). An article and its passages are written as one block and replaced as one, so a
 * reader never sees half an article.
 */
public final class ArticleIndex implements IndexBackend {

    private static final Logger log = LoggerFactory.getLogger(ArticleIndex.class);

    private final Directory directory;
    /** Replaced by {@link #writer()} when Lucene closed it after a failed write (a full disk). */
    private volatile IndexWriter writer;
    private volatile SearcherManager searchers;
    private final EnglishAnalysis analysis;
    /**
     * Commit data saying every passage has a copy sketch of this kind (indexes written before sketches, or with
     * another number of values, are written again once).
     */
    static final String SKETCHES = "copySketches";
    static final String SKETCHED = "minhash-" + CopySketch.HASHES + "-links";
    private volatile boolean sketched;
    /**
     * The passages one reader holds, counted once per reader: with deletions, counting them visits every passage
     * (a tenth of a millisecond at 85,000), and an answer asks for term weights several times.
     */
    private volatile PassageCount passageCount;

    private record PassageCount(IndexReader reader, long passages) {
    }
    private final CopyLinks copyLinks = new CopyLinks();

    private ArticleIndex(Directory directory, IndexWriter writer, SearcherManager searchers, EnglishAnalysis analysis) {
        this.directory = directory;
        this.writer = writer;
        this.searchers = searchers;
        this.analysis = analysis;
    }

    /**
     * Opens (or creates) the index in {@code dir} for reading and writing.
     *
     * @throws IndexLockedException when another process (a running {@code citebot serve}) holds the index
     */
    public static ArticleIndex open(Path dir, EnglishAnalysis analysis) throws IOException {
        Files.createDirectories(dir);
        Directory directory = FSDirectory.open(dir);
        try {
            // snapshots keep a commit's files while a backup copies them, whatever merges and commits happen meanwhile
            boolean existed = DirectoryReader.indexExists(directory);
            boolean sketched = !existed || SKETCHED.equals(SegmentInfos.readLatestCommit(directory).getUserData().get(SKETCHES));
            IndexWriter writer = new IndexWriter(directory, writerConfig(analysis));
            ArticleIndex index = new ArticleIndex(directory, writer, new SearcherManager(writer, new SearcherFactory()), analysis);
            if (sketched) {
                // an existing index's commit data is carried by the writer's later commits
                index.sketched = true;
                if (!existed) {
                    writer.setLiveCommitData(Map.of(SKETCHES, SKETCHED).entrySet());
                }
            } else if (index.passageCount() == 0) {
                index.sketchesAdded();
            }
            return index;
        } catch (LockObtainFailedException e) {
            directory.close();
            throw new IndexLockedException(dir);
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    private static IndexWriterConfig writerConfig(EnglishAnalysis analysis) {
        // snapshots keep a commit's files while a backup copies them, whatever merges and commits happen meanwhile
        return new IndexWriterConfig(analysis.analyzer())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setRAMBufferSizeMB(ramBufferMb(Runtime.getRuntime().maxMemory()))
                .setCodec(new CitebotCodec())
                .setMergePolicy(new FullNorms(new TieredMergePolicy()))
                .setIndexDeletionPolicy(new SnapshotDeletionPolicy(
                        new KeepOnlyLastCommitDeletionPolicy()));
    }

    /**
     * What Lucene buffers before it writes a segment: an eighth of the heap, between its default of 16 MB and 256 MB.
     * Fewer, larger segments mean fewer merges building vector graphs again during a large ingest.
     */
    static double ramBufferMb(long maxHeapBytes) {
        return Math.clamp(maxHeapBytes / 8 / (1 << 20), 16, 256);
    }

    /**
     * The writer, opened again if Lucene closed it after a failed write (a full disk: a "tragic" event closes it
     * for good), so an ingest resumes by itself once the cause is gone; the index is as of its last commit.
     */
    private IndexWriter writer() throws IOException {
        requireWritable();
        IndexWriter w = writer;
        if (w.isOpen()) {
            return w;
        }
        synchronized (this) {
            if (!writer.isOpen()) {
                if (closing) {
                    throw new IOException("the index is closing");
                }
                // what was written since the last commit is gone with the closed writer
                copyLinks.committed();
                IndexWriter fresh = new IndexWriter(directory, writerConfig(analysis));
                SearcherManager old = searchers;
                searchers = new SearcherManager(fresh, new SearcherFactory());
                writer = fresh;
                try {
                    old.close();
                } catch (IOException | RuntimeException ignored) {
                    // its reader belonged to the closed writer
                }
            }
            return writer;
        }
    }

    /** Opens an existing index read-only, for a second process while a server holds the write lock. */
    public static ArticleIndex openReadOnly(Path dir, EnglishAnalysis analysis) throws IOException {
        Directory directory = FSDirectory.open(dir);
        if (!DirectoryReader.indexExists(directory)) {
            directory.close();
            throw new IOException("no index in " + dir);
        }
        return new ArticleIndex(directory, null, new SearcherManager(directory, new SearcherFactory()), analysis);
    }

    @Override
    public EnglishAnalysis analysis() {
        return analysis;
    }

    @Override
    public boolean writable() {
        return writer != null;
    }

    /**
     * Replaces the article and its passages (or adds them), keyed by article id. Visible after {@link #commit()}.
     *
     * @param vectors one unit-length embedding per passage, in order
     */
    @Override
    public void put(Article article, List<Passage> passages, List<float[]> vectors, String origin, String contentHash)
            throws IOException {
        requireWritable();
        List<List<String>> copyOf = copyLinks.linksOf(this, article, passages);
        writer().updateDocuments(new Term(ARTICLE_ID, article.id()),
                IndexDocuments.article(article, passages, vectors, origin, contentHash, copyOf));
    }

    /**
     * The vectors of an article's passages, by passage text hash (empty for an unknown article), read from the
     * index's vector values: the one copy of each vector (indexes written before kept a second, stored copy).
     */
    @Override
    public Map<String, float[]> vectorsOf(String articleId) throws IOException {
        Query q = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(ARTICLE_ID, articleId)), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(KIND, KIND_PASSAGE)), BooleanClause.Occur.FILTER)
                .build();
        return withSearcher(searcher -> {
            Map<String, float[]> vectors = new HashMap<>();
            StoredFields fields = searcher.storedFields();
            for (ScoreDoc sd : searcher.search(q, 10_000).scoreDocs) {
                float[] v = vectorOf(searcher, sd.doc);
                if (v != null) {
                    vectors.put(fields.document(sd.doc, Set.of(TEXT_HASH)).get(TEXT_HASH), v);
                }
            }
            return vectors;
        });
    }

    /** A passage's vector from the index's vector values (global doc id), or null when it has none. */
    static float[] vectorOf(IndexSearcher searcher, int doc) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        FloatVectorValues values = leaf.reader().getFloatVectorValues(VECTOR);
        if (values == null) {
            return null;
        }
        KnnVectorValues.DocIndexIterator it = values.iterator();
        return it.advance(doc - leaf.docBase) == doc - leaf.docBase ? values.vectorValue(it.index()).clone() : null;
    }

    /**
     * The publication date of the newest dated article, if any. Looked up once for each state of the index (a
     * question with relative time words asks for it; the answer changes only with a write), not sorted again for
     * every such question.
     */
    @Override
    public Optional<LocalDate> newestDate() throws IOException {
        SearcherManager manager = searchers; // the one the searcher goes back to, should it be replaced meanwhile
        IndexSearcher searcher = manager.acquire();
        try {
            IndexReader.CacheHelper reader = searcher.getIndexReader().getReaderCacheHelper();
            NewestDate known = newest;
            if (reader != null && known != null && known.reader() == reader.getKey()) {
                return known.date();
            }
            TopDocs top = searcher.search(new TermQuery(new Term(KIND, KIND_ARTICLE)), 1,
                    new Sort(new SortField(DATE_SORT, SortField.Type.LONG, true)));
            String date = top.scoreDocs.length == 0 ? null : searcher.storedFields().document(top.scoreDocs[0].doc).get(DATE);
            Optional<LocalDate> found = date == null ? Optional.empty() : Optional.of(LocalDate.parse(date));
            if (reader != null) {
                newest = new NewestDate(reader.getKey(), found);
            }
            return found;
        } finally {
            manager.release(searcher);
        }
    }

    /** The newest article's date as one state of the index (its reader's key) had it. */
    private record NewestDate(IndexReader.CacheKey reader, Optional<LocalDate> date) {
    }

    private volatile NewestDate newest;

    @Override
    public void deleteArticle(String articleId) throws IOException {
        requireWritable();
        writer().deleteDocuments(new Term(ARTICLE_ID, articleId));
    }

    /** Records the hash of an ingested file. */
    @Override
    public void putFile(String origin, String fileHash) throws IOException {
        requireWritable();
        writer().updateDocument(new Term(FILE_KEY, origin), IndexDocuments.file(origin, fileHash));
    }

    @Override
    public void deleteFile(String origin) throws IOException {
        requireWritable();
        writer().deleteDocuments(new Term(FILE_KEY, origin));
    }

    /**
     * Whether every passage carries its copy sketch ({@link IndexFields#COPY_SKETCH}). An index written before
     * sketches existed does not, until {@link #sketchesAdded()} records that its articles were written again.
     */
    public boolean sketched() {
        return sketched;
    }

    /**
     * Records that every passage now carries its copy sketch, after every article was written again: the segments
     * still holding the old copies are merged away first, so the index takes the room it did.
     */
    public void sketchesAdded() throws IOException {
        sketched = true;
        IndexWriter w = writer();
        // a merge still running holds old copies that forceMergeDeletes would not see: let it finish first
        while (!w.getMergingSegments().isEmpty()) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the index merged", e);
            }
        }
        w.forceMergeDeletes();
        w.setLiveCommitData(Map.of(SKETCHES, SKETCHED).entrySet());
        w.commit();
        searchers.maybeRefreshBlocking();
    }

    /** The background rewrite of older segments, while it runs. */
    private volatile Thread rewriting;
    private volatile boolean closing;

    /**
     * Writes again, in the background, the segments an older citebot wrote: those written before every document
     * carried text and headline norms ({@link FullNorms}: BM25 then reads a passage's norm directly instead of
     * searching a sparse list for it; at a million passages BM25's top 50 took 2.8 ms a question with the sparse list
     * and 2.05 ms without), and those whose stored fields are compressed ({@link CitebotCodec}). Lucene keeps a
     * segment's vector graph when it writes the segment alone, so this costs what copying the segment's files does
     * (8-14 s at a million passages, well under a second at the news sets' size), not the graph's construction.
     * Searches go on meanwhile on the segments as they were; the new ones are committed and searched when done. A stop
     * waits for it (a kill -9 leaves the old segments, written again at the next start). Only a server asks for this
     * ({@link IndexBackend#upgradeInBackground}): a one-shot command would wait for it at its end.
     */
    @Override
    public void upgradeInBackground() throws IOException {
        if (!writable() || rewriting != null) {
            return;
        }
        Set<String> older = withSearcher(searcher -> {
            Set<String> again = new TreeSet<>(FullNorms.sparseSegments(searcher.getIndexReader()));
            again.addAll(CitebotCodec.olderSegments(searcher.getIndexReader()));
            return again;
        });
        if (older.isEmpty()) {
            return;
        }
        rewriting = Thread.ofVirtual().name("older-segments").start(() -> {
            long t0 = System.nanoTime();
            try {
                IndexWriter w = writer();
                ((FullNorms) w.getConfig().getMergePolicy()).rewrite(older);
                w.forceMerge(Integer.MAX_VALUE);
                if (!closing) {
                    commit(); // else the writer's close commits them
                }
                log.info("Wrote {} segment(s) of the index again in its current format, in {} ms",
                        older.size(), (System.nanoTime() - t0) / 1_000_000);
            } catch (IOException | RuntimeException e) {
                if (!closing) {
                    log.warn("Could not write the index's older segments again (tried again at the next start): {}",
                            e.toString());
                }
            }
        });
    }

    /** Makes all changes durable and visible to searches. */
    @Override
    public void commit() throws IOException {
        IndexWriter w = writer();
        if (w.hasUncommittedChanges()) {
            w.commit();
        }
        searchers.maybeRefreshBlocking();
        copyLinks.committed();
    }

    /** The share of the passages an ingest pass must have written for {@link #settle} to merge the index. */
    static final double SETTLE_SHARE = 0.2;

    /**
     * Merges the index into one segment after an ingest pass that wrote at least {@value #SETTLE_SHARE} of its
     * passages. Every segment is searched on its own (its own vector graph asked for the same number of neighbours,
     * its own terms looked up), so a large ingest, which leaves several segments of its buffer's size behind, made each
     * question's search several times the work of one over a single segment (docs/benchmarks.md). The merge costs
     * about a twentieth of the embedding of what such a pass wrote; smaller passes (a feed's few articles) leave
     * their small segments to Lucene's usual merges. Searches go on meanwhile, on the segments as they were, and so do
     * writes: the ingester calls this outside the lock that orders them.
     */
    @Override
    public void settle(long passagesWritten) throws IOException {
        if (!writable() || passagesWritten <= 0 || passagesWritten < SETTLE_SHARE * passageCount()) {
            return;
        }
        int segments = segmentCount();
        if (segments <= 1) {
            return;
        }
        long t0 = System.nanoTime();
        writer().forceMerge(1);
        commit();
        log.info("Merged the index's {} segments into one after {} passages were written, in {} ms", segments,
                passagesWritten, (System.nanoTime() - t0) / 1_000_000);
    }

    /** How many segments searches read now. */
    public int segmentCount() throws IOException {
        return withSearcher(searcher -> searcher.getIndexReader().leaves().size());
    }

    /** Whether anything has been written since the last commit. */
    public boolean hasUncommittedChanges() {
        return writer != null && writer.isOpen() && writer.hasUncommittedChanges();
    }

    /** File hashes by origin path. */
    @Override
    public Map<String, String> files() throws IOException {
        Map<String, String> files = new HashMap<>();
        forEach(KIND_FILE, (fields, doc) -> files.put(doc.get(ORIGIN), doc.get(HASH)));
        return files;
    }

    /** Every article, in index order. */
    @Override
    public Map<String, StoredArticle> articles() throws IOException {
        Map<String, StoredArticle> articles = new LinkedHashMap<>();
        forEach(KIND_ARTICLE, (fields, doc) -> articles.put(doc.get(ARTICLE_ID), stored(doc)));
        return articles;
    }

    @Override
    public Map<String, StoredArticle> articles(Collection<String> ids) throws IOException {
        Map<String, StoredArticle> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        Query q = new BooleanQuery.Builder()
                .add(new TermInSetQuery(ARTICLE_ID, ids.stream().map(BytesRef::new).toList()), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(KIND, KIND_ARTICLE)), BooleanClause.Occur.FILTER)
                .build();
        for (Document doc : search(q, Math.max(1, ids.size()), (d, score) -> d)) {
            StoredArticle a = stored(doc);
            found.put(a.id(), a);
        }
        return found;
    }

    @Override
    public List<StoredArticle> articlesAfter(String after, int limit) throws IOException {
        Query q = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(KIND, KIND_ARTICLE)), BooleanClause.Occur.FILTER)
                .add(new TermRangeQuery(ARTICLE_ID, after == null ? null : new BytesRef(after), null, false, false),
                        BooleanClause.Occur.FILTER)
                .build();
        // ids have no doc values to sort by; one machine's article list is small enough to sort here
        List<StoredArticle> page = new ArrayList<>();
        for (Document doc : search(q, Integer.MAX_VALUE / 2, (d, score) -> d)) {
            page.add(stored(doc));
        }
        page.sort(Comparator.comparing(StoredArticle::id, (x, y) -> new BytesRef(x).compareTo(new BytesRef(y))));
        return List.copyOf(page.subList(0, Math.min(limit, page.size())));
    }

    private static StoredArticle stored(Document doc) {
        String date = doc.get(DATE);
        return new StoredArticle(doc.get(ARTICLE_ID), doc.get(HEADLINE), date == null ? null : LocalDate.parse(date), doc.get(SOURCE),
                doc.get(URL), doc.get(ORIGIN), doc.get(HASH), doc.getField(PASSAGES).numericValue().intValue());
    }

    /** Number of passages a search can find. */
    @Override
    public int passageCount() throws IOException {
        return count(KIND_PASSAGE);
    }

    @Override
    public int articleCount() throws IOException {
        return count(KIND_ARTICLE);
    }

    private int count(String kind) throws IOException {
        SearcherManager manager = searchers; // the one the searcher goes back to, should it be replaced meanwhile
        IndexSearcher searcher = manager.acquire();
        try {
            return searcher.count(new TermQuery(new Term(KIND, kind)));
        } finally {
            manager.release(searcher);
        }
    }

    /** Runs {@code query} and turns the top {@code n} documents into results while holding one searcher. */
    public <T> List<T> search(Query query, int n, SearchMapper<T> mapper) throws IOException {
        SearcherManager manager = searchers; // the one the searcher goes back to, should it be replaced meanwhile
        IndexSearcher searcher = manager.acquire();
        try {
            TopDocs top = searcher.search(query, n);
            StoredFields fields = searcher.storedFields();
            List<T> out = new ArrayList<>(top.scoreDocs.length);
            for (ScoreDoc sd : top.scoreDocs) {
                out.add(mapper.map(fields.document(sd.doc), sd.score));
            }
            return out;
        } finally {
            manager.release(searcher);
        }
    }

    /**
     * BM25's inverse document frequency of each analyzed term over the passages' text:
     * {@code ln(1 + (N - df + 0.5) / (df + 0.5))}. A term no passage contains gets the highest weight.
     */
    @Override
    public Map<String, Double> idf(Collection<String> terms) {
        try {
            SearcherManager manager = searchers; // the one the searcher goes back to, should it be replaced meanwhile
        IndexSearcher searcher = manager.acquire();
            try {
                var reader = searcher.getIndexReader();
                PassageCount known = passageCount;
                long n;
                if (known != null && known.reader() == reader) {
                    n = known.passages();
                } else {
                    n = searcher.count(new TermQuery(new Term(KIND, KIND_PASSAGE)));
                    passageCount = new PassageCount(reader, n);
                }
                Map<String, Double> idf = new HashMap<>();
                for (String t : terms) {
                    idf.put(t, IndexBackend.bm25Idf(n, reader.docFreq(new Term(TEXT, t))));
                }
                return idf;
            } finally {
                manager.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs {@code work} with one searcher, so doc ids stay valid throughout (for retrievers that score
     * candidates by doc id before loading any stored field).
     */
    public <T> T withSearcher(SearcherFunction<T> work) throws IOException {
        SearcherManager manager = searchers; // the one the searcher goes back to, should it be replaced meanwhile
        IndexSearcher searcher = manager.acquire();
        try {
            return work.apply(searcher);
        } finally {
            manager.release(searcher);
        }
    }

    /** Work done with a searcher. */
    @FunctionalInterface
    public interface SearcherFunction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    /** Maps a stored document and its score to a result. */
    @FunctionalInterface
    public interface SearchMapper<T> {
        T map(Document doc, float score) throws IOException;
    }

    private interface DocConsumer {
        void accept(StoredFields fields, Document doc) throws IOException;
    }

    private void forEach(String kind, DocConsumer consumer) throws IOException {
        SearcherManager manager = searchers; // the one the searcher goes back to, should it be replaced meanwhile
        IndexSearcher searcher = manager.acquire();
        try {
            Query q = new TermQuery(new Term(KIND, kind));
            int n = Math.max(1, searcher.count(q));
            StoredFields fields = searcher.storedFields();
            for (ScoreDoc sd : searcher.search(q, n).scoreDocs) {
                consumer.accept(fields, fields.document(sd.doc));
            }
        } finally {
            manager.release(searcher);
        }
    }

    /**
     * Copies the index as of its latest commit into {@code target} (an empty or new folder) while it stays in use:
     * the commit is snapshotted, so its files are not deleted until the copy is done. Returns the bytes copied.
     */
    @Override
    public long backup(Path target) throws IOException {
        IndexWriter writer = writer();
        writer.commit();
        var policy = (SnapshotDeletionPolicy) writer.getConfig().getIndexDeletionPolicy();
        IndexCommit commit = policy.snapshot();
        long bytes = 0;
        try {
            Files.createDirectories(target);
            for (String file : commit.getFileNames()) {
                try (var in = directory.openInput(file, IOContext.READONCE);
                     var out = Files.newOutputStream(target.resolve(file))) {
                    byte[] buffer = new byte[1 << 16];
                    long left = in.length();
                    while (left > 0) {
                        int n = (int) Math.min(buffer.length, left);
                        in.readBytes(buffer, 0, n);
                        out.write(buffer, 0, n);
                        left -= n;
                    }
                    bytes += in.length();
                }
            }
        } finally {
            policy.release(commit);
            writer.deleteUnusedFiles();
        }
        return bytes;
    }

    private void requireWritable() {
        if (writer == null) {
            throw new IllegalStateException("the index is open read-only");
        }
    }

    @Override
    public void close() throws IOException {
        closing = true;
        Thread rewriting = this.rewriting;
        if (rewriting != null) {
            try {
                rewriting.join(); // the writer's close would wait for its merge anyway; then nothing reopens the writer
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            searchers.close();
            if (writer != null && writer.isOpen()) {
                writer.close();
            }
        } finally {
            directory.close();
        }
    }
}
