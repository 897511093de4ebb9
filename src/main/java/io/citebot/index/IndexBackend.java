package io.citebot.index;

import io.citebot.ingest.Article;
import io.citebot.ingest.Passage;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An index backend as the ingester, the chat core and the answerer see it: articles' passages written with their
 * vectors and metadata, the files they came from, counts, and term statistics. {@code index.lucene.ArticleIndex} (embedded
 * Lucene) is the default; searching goes through {@code retrieval.SearchBackend}. Nothing above these interfaces
 * knows which backend runs.
 */
public interface IndexBackend extends Closeable {

    /** The analysis that turns text into the terms this index holds (questions are analysed the same way). */
    TextAnalysis analysis();

    /** Whether this process may write (a second process reads only). */
    boolean writable();

    /** Replaces (or adds) an article and its passages; visible after {@link #commit()}. */
    void put(Article article, List<Passage> passages, List<float[]> vectors, String origin, String contentHash) throws IOException;

    /** The vector of each passage of an article, by the hash of its embedding input (to reuse unchanged ones). */
    Map<String, float[]> vectorsOf(String articleId) throws IOException;

    void deleteArticle(String articleId) throws IOException;

    /** Records that a file with this content hash was ingested. */
    void putFile(String origin, String fileHash) throws IOException;

    void deleteFile(String origin) throws IOException;

    /** Makes writes durable and visible to searches. */
    void commit() throws IOException;

    /**
     * Called after an ingest pass has committed {@code passagesWritten} passages: a backend whose searches cost
     * something per segment may merge its segments now that a large write is over (the embedded Lucene index does,
     * {@link io.citebot.index.lucene.ArticleIndex#settle}). By default nothing happens.
     */
    default void settle(long passagesWritten) throws IOException {
    }

    /**
     * Called once by a long-running server after it listens: a backend may now bring what an older version wrote up
     * to date in the background (the embedded Lucene index writes segments without full norms again,
     * {@link io.citebot.index.lucene.ArticleIndex#upgradeInBackground}). One-shot commands do not call it. By default
     * nothing happens.
     */
    default void upgradeInBackground() throws IOException {
    }

    /** Ingested files and their content hashes. */
    Map<String, String> files() throws IOException;

    /** Every article's metadata, by id (a scan: for the folder sync and listings, not per request). */
    Map<String, StoredArticle> articles() throws IOException;

    /**
     * One page of the article list in id order: at most {@code limit} articles whose id sorts after {@code after}
     * (null: from the start). Pages cost the same however deep they are.
     */
    List<StoredArticle> articlesAfter(String after, int limit) throws IOException;

    /** The metadata of those of these articles that are indexed, by id (a lookup, whatever the archive's size). */
    Map<String, StoredArticle> articles(Collection<String> ids) throws IOException;

    int articleCount() throws IOException;

    int passageCount() throws IOException;

    /** The publication date of the newest dated article, if any. */
    Optional<LocalDate> newestDate() throws IOException;

    /** Inverse document frequency of analysed terms over the passages ({@link #bm25Idf}). */
    Map<String, Double> idf(Collection<String> terms);

    /**
     * BM25's inverse document frequency, {@code ln(1 + (N - df + 0.5) / (df + 0.5))}, the same in every backend: a term
     * no passage contains gets the highest weight.
     */
    static double bm25Idf(long passages, long docFreq) {
        long n = Math.max(1, passages);
        return Math.log(1 + (n - docFreq + 0.5) / (docFreq + 0.5));
    }

    /** Copies the index as of its latest commit into {@code target}; returns the bytes copied. */
    long backup(Path target) throws IOException;
}
