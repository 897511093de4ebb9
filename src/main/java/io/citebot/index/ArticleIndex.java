package io.citebot.index;

import io.citebot.ingest.Article;
import io.citebot.ingest.Passage;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.util.BytesRef;
import java.util.Locale;
import java.util.Optional;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * The Lucene index on disk. It holds three kinds of documents: one per passage (what is searched), one per
 * article (its metadata and content hash) and one per ingested file (its hash, so an unchanged file is not
 * even parsed again). An article and its passages are written as one block and replaced as one, so a
 * reader never sees half an article.
 */
public final class ArticleIndex implements Closeable {

    /** Document kind, indexed not stored: every search filters on it. */
    public static final String KIND = "kind";
    public static final String KIND_PASSAGE = "passage";
    static final String KIND_ARTICLE = "article";
    static final String KIND_FILE = "file";

    /** Exact-match key of an article and of all its passages: deleting by it removes the whole block. */
    public static final String ARTICLE_ID = "articleId";
    /** Exact-match key of a passage ({@code articleId#n}). */
    public static final String PASSAGE_ID = "passageId";
    /** Analyzed with the English analyzer for BM25, and stored to be shown and cited. */
    public static final String TEXT = "text";
    /** Analyzed too: a question that names the headline's words should find the article. */
    public static final String TITLE = "title";
    /** The headline on an article document: stored only (Lucene wants one schema per field name). */
    static final String HEADLINE = "headline";
    /** Stored only: the passage's character offsets in the cleaned article text. */
    public static final String START = "start";
    public static final String END = "end";
    public static final String ORDINAL = "ordinal";
    /** ISO date, stored; its epoch day is indexed as a point for date-range filters. */
    public static final String DATE = "date";
    public static final String DATE_DAYS = "dateDays";
    /** "yes" or "no": whether the article has a date, so a filter can let undated articles through. */
    public static final String DATED = "dated";
    /** Epoch day as doc values on article documents, to find the newest article. */
    static final String DATE_SORT = "dateSort";
    /** Exact publisher name, stored and indexed for filters. */
    public static final String SOURCE = "source";
    public static final String URL = "url";
    /** Absolute path of the source file: indexed so a removed or changed file's articles can be found. */
    static final String ORIGIN = "origin";
    static final String HASH = "hash";
    /** Exact-match key of a file document (articles carry {@link #ORIGIN} too, so files need their own key). */
    private static final String FILE_KEY = "fileKey";
    static final String PASSAGES = "passages";
    /** The passage's embedding, in the HNSW graph for kNN search. Vectors are unit length, so dot product is cosine. */
    public static final String VECTOR = "vector";
    /** The same embedding stored, to re-score candidates exactly and to reuse it when an article is re-indexed. */
    static final String VECTOR_STORED = "vectorStored";
    /** Hash of the passage text: an edited article keeps the vectors of the passages whose text did not change. */
    static final String TEXT_HASH = "textHash";
    /** Lower-cased publisher name, for case-insensitive source filters. */
    public static final String SOURCE_KEY = "sourceKey";

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final TextAnalysis analysis;

    private ArticleIndex(Directory directory, IndexWriter writer, SearcherManager searchers, TextAnalysis analysis) {
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
    public static ArticleIndex open(Path dir, TextAnalysis analysis) throws IOException {
        Files.createDirectories(dir);
        Directory directory = FSDirectory.open(dir);
        try {
            IndexWriterConfig config = new IndexWriterConfig(analysis.analyzer())
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
            IndexWriter writer = new IndexWriter(directory, config);
            return new ArticleIndex(directory, writer, new SearcherManager(writer, new SearcherFactory()), analysis);
        } catch (LockObtainFailedException e) {
            directory.close();
            throw new IndexLockedException(dir);
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    /** Opens an existing index read-only, for a second process while a server holds the write lock. */
    public static ArticleIndex openReadOnly(Path dir, TextAnalysis analysis) throws IOException {
        Directory directory = FSDirectory.open(dir);
        if (!DirectoryReader.indexExists(directory)) {
            directory.close();
            throw new IOException("no index in " + dir);
        }
        return new ArticleIndex(directory, null, new SearcherManager(directory, new SearcherFactory()), analysis);
    }

    public TextAnalysis analysis() {
        return analysis;
    }

    public boolean writable() {
        return writer != null;
    }

    /**
     * Replaces the article and its passages (or adds them), keyed by article id. Visible after {@link #commit()}.
     *
     * @param vectors one unit-length embedding per passage, in order
     */
    public void put(Article article, List<Passage> passages, List<float[]> vectors, String origin, String contentHash)
            throws IOException {
        requireWritable();
        if (vectors.size() != passages.size()) {
            throw new IllegalArgumentException("one vector per passage: " + passages.size() + " passages, " + vectors.size() + " vectors");
        }
        List<Document> docs = new ArrayList<>(passages.size() + 1);
        for (int i = 0; i < passages.size(); i++) {
            Passage p = passages.get(i);
            Document doc = new Document();
            doc.add(new KnnFloatVectorField(VECTOR, vectors.get(i), VectorSimilarityFunction.DOT_PRODUCT));
            doc.add(new StoredField(VECTOR_STORED, Vectors.toBytes(vectors.get(i))));
            doc.add(new StoredField(TEXT_HASH, textHash(p.text())));
            doc.add(new StringField(KIND, KIND_PASSAGE, Field.Store.NO));
            doc.add(new StringField(ARTICLE_ID, article.id(), Field.Store.YES));
            doc.add(new StringField(PASSAGE_ID, p.id(), Field.Store.YES));
            doc.add(new StoredField(ORDINAL, p.ordinal()));
            doc.add(new TextField(TEXT, p.text(), Field.Store.YES));
            doc.add(new TextField(TITLE, article.title(), Field.Store.YES));
            doc.add(new StoredField(START, p.start()));
            doc.add(new StoredField(END, p.end()));
            addMetadata(doc, article);
            docs.add(doc);
        }
        Document meta = new Document();
        meta.add(new StringField(KIND, KIND_ARTICLE, Field.Store.NO));
        meta.add(new StringField(ARTICLE_ID, article.id(), Field.Store.YES));
        meta.add(new StoredField(HEADLINE, article.title()));
        meta.add(new StringField(ORIGIN, origin, Field.Store.YES));
        meta.add(new StoredField(HASH, contentHash));
        meta.add(new StoredField(PASSAGES, passages.size()));
        if (article.date() != null) {
            meta.add(new NumericDocValuesField(DATE_SORT, article.date().toEpochDay()));
        }
        addMetadata(meta, article);
        docs.add(meta);
        writer.updateDocuments(new Term(ARTICLE_ID, article.id()), docs);
    }

    private static void addMetadata(Document doc, Article article) {
        doc.add(new StringField(DATED, article.date() != null ? "yes" : "no", Field.Store.NO));
        if (article.date() != null) {
            doc.add(new StoredField(DATE, article.date().toString()));
            doc.add(new IntPoint(DATE_DAYS, (int) article.date().toEpochDay()));
        }
        if (article.source() != null) {
            doc.add(new StringField(SOURCE, article.source(), Field.Store.YES));
            doc.add(new StringField(SOURCE_KEY, article.source().toLowerCase(Locale.ROOT), Field.Store.NO));
        }
        if (article.url() != null) {
            doc.add(new StoredField(URL, article.url()));
        }
    }

    /** The stored vectors of an article's passages, by passage text hash (empty for an unknown article). */
    public Map<String, float[]> vectorsOf(String articleId) throws IOException {
        Map<String, float[]> vectors = new HashMap<>();
        Query q = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(ARTICLE_ID, articleId)), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(KIND, KIND_PASSAGE)), BooleanClause.Occur.FILTER)
                .build();
        for (Document doc : search(q, 10_000, (d, score) -> d)) {
            vectors.put(doc.get(TEXT_HASH), storedVector(doc));
        }
        return vectors;
    }

    /** The stored embedding of a passage document. */
    public static float[] storedVector(Document doc) {
        BytesRef bytes = doc.getBinaryValue(VECTOR_STORED);
        return Vectors.fromBytes(bytes.bytes, bytes.offset, bytes.length);
    }

    public static String textHash(String text) {
        return Ingester.hash(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The publication date of the newest dated article, if any. */
    public Optional<LocalDate> newestDate() throws IOException {
        Query q = new TermQuery(new Term(KIND, KIND_ARTICLE));
        IndexSearcher searcher = searchers.acquire();
        try {
            TopDocs top = searcher.search(q, 1, new Sort(new SortField(DATE_SORT, SortField.Type.LONG, true)));
            if (top.scoreDocs.length == 0) {
                return Optional.empty();
            }
            String date = searcher.storedFields().document(top.scoreDocs[0].doc).get(DATE);
            return date == null ? Optional.empty() : Optional.of(LocalDate.parse(date));
        } finally {
            searchers.release(searcher);
        }
    }

    public void deleteArticle(String articleId) throws IOException {
        requireWritable();
        writer.deleteDocuments(new Term(ARTICLE_ID, articleId));
    }

    /** Records the hash of an ingested file. */
    public void putFile(String origin, String fileHash) throws IOException {
        requireWritable();
        Document doc = new Document();
        doc.add(new StringField(KIND, KIND_FILE, Field.Store.NO));
        doc.add(new StringField(ORIGIN, origin, Field.Store.YES));
        doc.add(new StoredField(HASH, fileHash));
        doc.add(new StringField(FILE_KEY, origin, Field.Store.NO));
        writer.updateDocument(new Term(FILE_KEY, origin), doc);
    }

    public void deleteFile(String origin) throws IOException {
        requireWritable();
        writer.deleteDocuments(new Term(FILE_KEY, origin));
    }

    /** Makes all changes durable and visible to searches. */
    public void commit() throws IOException {
        requireWritable();
        if (writer.hasUncommittedChanges()) {
            writer.commit();
        }
        searchers.maybeRefreshBlocking();
    }

    /** Whether anything has been written since the last commit. */
    public boolean hasUncommittedChanges() {
        return writer != null && writer.hasUncommittedChanges();
    }

    /** File hashes by origin path. */
    public Map<String, String> files() throws IOException {
        Map<String, String> files = new HashMap<>();
        forEach(KIND_FILE, (fields, doc) -> files.put(doc.get(ORIGIN), doc.get(HASH)));
        return files;
    }

    /** Every article, in index order. */
    public Map<String, StoredArticle> articles() throws IOException {
        Map<String, StoredArticle> articles = new LinkedHashMap<>();
        forEach(KIND_ARTICLE, (fields, doc) -> {
            String date = doc.get(DATE);
            articles.put(doc.get(ARTICLE_ID), new StoredArticle(doc.get(ARTICLE_ID), doc.get(HEADLINE),
                    date == null ? null : LocalDate.parse(date), doc.get(SOURCE), doc.get(URL), doc.get(ORIGIN),
                    doc.get(HASH), doc.getField(PASSAGES).numericValue().intValue()));
        });
        return articles;
    }

    /** Number of passages a search can find. */
    public int passageCount() throws IOException {
        return count(KIND_PASSAGE);
    }

    public int articleCount() throws IOException {
        return count(KIND_ARTICLE);
    }

    private int count(String kind) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return searcher.count(new TermQuery(new Term(KIND, kind)));
        } finally {
            searchers.release(searcher);
        }
    }

    /** Runs {@code query} and turns the top {@code n} documents into results while holding one searcher. */
    public <T> List<T> search(Query query, int n, SearchMapper<T> mapper) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            TopDocs top = searcher.search(query, n);
            StoredFields fields = searcher.storedFields();
            List<T> out = new ArrayList<>(top.scoreDocs.length);
            for (ScoreDoc sd : top.scoreDocs) {
                out.add(mapper.map(fields.document(sd.doc), sd.score));
            }
            return out;
        } finally {
            searchers.release(searcher);
        }
    }

    /**
     * BM25's inverse document frequency of each analyzed term over the passages' text:
     * {@code ln(1 + (N - df + 0.5) / (df + 0.5))}. A term no passage contains gets the highest weight.
     */
    public Map<String, Double> idf(Collection<String> terms) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                var reader = searcher.getIndexReader();
                long n = Math.max(1, searcher.count(new TermQuery(new Term(KIND, KIND_PASSAGE))));
                Map<String, Double> idf = new HashMap<>();
                for (String t : terms) {
                    int df = reader.docFreq(new Term(TEXT, t));
                    idf.put(t, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
                }
                return idf;
            } finally {
                searchers.release(searcher);
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
        IndexSearcher searcher = searchers.acquire();
        try {
            return work.apply(searcher);
        } finally {
            searchers.release(searcher);
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
        IndexSearcher searcher = searchers.acquire();
        try {
            Query q = new TermQuery(new Term(KIND, kind));
            int n = Math.max(1, searcher.count(q));
            StoredFields fields = searcher.storedFields();
            for (ScoreDoc sd : searcher.search(q, n).scoreDocs) {
                consumer.accept(fields, fields.document(sd.doc));
            }
        } finally {
            searchers.release(searcher);
        }
    }

    private void requireWritable() {
        if (writer == null) {
            throw new IllegalStateException("the index is open read-only");
        }
    }

    @Override
    public void close() throws IOException {
        try {
            searchers.close();
            if (writer != null) {
                writer.close();
            }
        } finally {
            directory.close();
        }
    }
}
