package io.citebot.index.lucene;

import io.citebot.index.CopySketch;
import io.citebot.index.Hashes;
import io.citebot.index.Ingester;
import io.citebot.ingest.Article;
import io.citebot.ingest.Passage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.VectorSimilarityFunction;
import static io.citebot.index.IndexFields.ARTICLE_ID;
import static io.citebot.index.IndexFields.COPY_OF;
import static io.citebot.index.IndexFields.COPY_SKETCH;
import static io.citebot.index.IndexFields.DATE;
import static io.citebot.index.IndexFields.DATED;
import static io.citebot.index.IndexFields.DATE_DAYS;
import static io.citebot.index.IndexFields.DATE_SORT;
import static io.citebot.index.IndexFields.END;
import static io.citebot.index.IndexFields.FILE_KEY;
import static io.citebot.index.IndexFields.HASH;
import static io.citebot.index.IndexFields.HEADLINE;
import static io.citebot.index.IndexFields.KIND;
import static io.citebot.index.IndexFields.KIND_ARTICLE;
import static io.citebot.index.IndexFields.KIND_FILE;
import static io.citebot.index.IndexFields.KIND_PASSAGE;
import static io.citebot.index.IndexFields.ORDINAL;
import static io.citebot.index.IndexFields.ORIGIN;
import static io.citebot.index.IndexFields.PASSAGES;
import static io.citebot.index.IndexFields.PASSAGE_ID;
import static io.citebot.index.IndexFields.SOURCE;
import static io.citebot.index.IndexFields.SOURCE_KEY;
import static io.citebot.index.IndexFields.START;
import static io.citebot.index.IndexFields.TEXT;
import static io.citebot.index.IndexFields.TEXT_HASH;
import static io.citebot.index.IndexFields.TITLE;
import static io.citebot.index.IndexFields.URL;
import static io.citebot.index.IndexFields.VECTOR;

/** Builds the Lucene documents of the index; {@link ArticleIndex} documents what each field is for. */
final class IndexDocuments {

    private IndexDocuments() {
    }

    /** One document per passage, then the article's own document: written and replaced as one block. */
    static List<Document> article(Article article, List<Passage> passages, List<float[]> vectors, String origin,
                                  String contentHash) {
        return article(article, passages, vectors, origin, contentHash, null);
    }

    /** @param copyOf for each passage, the older passages it copies ({@link CopyLinks}); null: none */
    static List<Document> article(Article article, List<Passage> passages, List<float[]> vectors, String origin,
                                  String contentHash, List<List<String>> copyOf) {
        if (vectors.size() != passages.size()) {
            throw new IllegalArgumentException("one vector per passage: " + passages.size() + " passages, " + vectors.size() + " vectors");
        }
        List<Document> docs = new ArrayList<>(passages.size() + 1);
        for (int i = 0; i < passages.size(); i++) {
            Passage p = passages.get(i);
            Document doc = new Document();
            doc.add(new KnnFloatVectorField(VECTOR, vectors.get(i), VectorSimilarityFunction.DOT_PRODUCT));
            doc.add(new StoredField(TEXT_HASH, Hashes.ofText(Ingester.embeddingInput(article, p))));
            doc.add(new StringField(KIND, KIND_PASSAGE, Field.Store.NO));
            doc.add(new StringField(ARTICLE_ID, article.id(), Field.Store.YES));
            doc.add(new StringField(PASSAGE_ID, p.id(), Field.Store.YES));
            doc.add(new StoredField(ORDINAL, p.ordinal()));
            doc.add(new TextField(TEXT, p.text(), Field.Store.YES));
            doc.add(new TextField(TITLE, article.title(), Field.Store.YES));
            doc.add(new StoredField(START, p.start()));
            doc.add(new StoredField(END, p.end()));
            for (String term : CopySketch.terms(p.text())) {
                doc.add(new StringField(COPY_SKETCH, term, Field.Store.NO));
            }
            if (copyOf != null) {
                for (String older : copyOf.get(i)) {
                    doc.add(new StringField(COPY_OF, older, Field.Store.YES));
                }
            }
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
        withEmptyText(meta);
        docs.add(meta);
        return docs;
    }

    /**
     * Empty text and headline fields: no term, but a norm, so that in a segment written this way every document has
     * these fields' norms and BM25 reads a passage's directly instead of searching a sparse list for it (news dev's
     * BM25 alone 0.46-0.57 -> 0.41-0.42 ms a question, a million passages' 2.8 -> 2.05 ms). Which documents have a
     * term, and so BM25's statistics and scores, stay as they were. Segments written before get their full norms
     * when merged, or written again on their own once {@code serve} listens ({@link FullNorms},
     * {@link ArticleIndex#upgradeInBackground}).
     */
    private static void withEmptyText(Document doc) {
        doc.add(new TextField(TEXT, "", Field.Store.NO));
        doc.add(new TextField(TITLE, "", Field.Store.NO));
    }

    /** The document that remembers an ingested file's hash. */
    static Document file(String origin, String fileHash) {
        Document doc = new Document();
        doc.add(new StringField(KIND, KIND_FILE, Field.Store.NO));
        doc.add(new StringField(ORIGIN, origin, Field.Store.YES));
        doc.add(new StoredField(HASH, fileHash));
        doc.add(new StringField(FILE_KEY, origin, Field.Store.NO));
        withEmptyText(doc);
        return doc;
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
}
