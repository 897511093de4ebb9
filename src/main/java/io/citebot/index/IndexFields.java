package io.citebot.index;

/**
 * The fields of the index and why each is indexed the way it is. Three kinds of documents share them: one per
 * passage (what is searched), one per article (its metadata and content hash) and one per ingested file (its
 * hash). Lucene wants one structure per field name across all documents, hence separate names where kinds differ.
 */
public final class IndexFields {

    private IndexFields() {
    }

    /** Document kind, indexed not stored: every search filters on it. */
    public static final String KIND = "kind";
    public static final String KIND_PASSAGE = "passage";
    public static final String KIND_ARTICLE = "article";
    public static final String KIND_FILE = "file";

    /** Exact-match key of an article and of all its passages: deleting by it removes the whole block. */
    public static final String ARTICLE_ID = "articleId";
    /** Exact-match key of a passage ({@code articleId#n}). */
    public static final String PASSAGE_ID = "passageId";
    /** Analyzed with the English analyzer for BM25, and stored to be shown and cited. */
    public static final String TEXT = "text";
    /** Analyzed too: a question that names the headline's words should find the article. */
    public static final String TITLE = "title";
    /** The headline on an article document: stored only (Lucene wants one schema per field name). */
    public static final String HEADLINE = "headline";
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
    public static final String DATE_SORT = "dateSort";
    /** Exact publisher name, stored and indexed for filters. */
    public static final String SOURCE = "source";
    public static final String URL = "url";
    /** Absolute path of the source file: indexed so a removed or changed file's articles can be found. */
    public static final String ORIGIN = "origin";
    public static final String HASH = "hash";
    /** Exact-match key of a file document (articles carry {@link #ORIGIN} too, so files need their own key). */
    public static final String FILE_KEY = "fileKey";
    public static final String PASSAGES = "passages";
    /** The passage's embedding, in the HNSW graph for kNN search. Vectors are unit length, so dot product is cosine. */
    public static final String VECTOR = "vector";
    /** Hash of what was embedded (headline and passage text): an edited article keeps the vectors of the passages that did not change. */
    public static final String TEXT_HASH = "textHash";
    /** Lower-cased publisher name, for case-insensitive source filters. */
    public static final String SOURCE_KEY = "sourceKey";
    /**
     * A passage's MinHash sketch as terms (indexed, not stored; {@link CopySketch}): copies of one text elsewhere in
     * the archive share several of them.
     */
    public static final String COPY_SKETCH = "copySketch";
    /**
     * The ids of the older passages of other articles that a passage copies, found when it was written (indexed and
     * stored; {@code index.lucene.CopyLinks}): its copies are those it names and those naming it.
     */
    public static final String COPY_OF = "copyOf";
}
