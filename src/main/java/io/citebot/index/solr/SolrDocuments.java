package io.citebot.index.solr;

import io.citebot.index.CopySketch;
import io.citebot.index.Hashes;
import io.citebot.index.Ingester;
import io.citebot.ingest.Article;
import io.citebot.ingest.Passage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.solr.common.SolrInputDocument;
import static io.citebot.index.IndexFields.*;
import static io.citebot.index.solr.SolrSearcher.ID;

/**
 * The Solr documents of an article, the same fields as the Lucene index's ({@code index.IndexDocuments}): one per
 * passage (id: the passage id), one for the article ({@code article:} + id), one per ingested file ({@code file:} + path).
 */
final class SolrDocuments {

    private SolrDocuments() {
    }

    /** @param sketches whether to index each passage's copy sketch (the collection's schema has the field) */
    static List<SolrInputDocument> article(Article article, List<Passage> passages, List<float[]> vectors, String origin,
                                           String contentHash, boolean sketches) {
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
            doc.addField(TEXT_HASH, Hashes.ofText(Ingester.embeddingInput(article, p)));
            List<Float> v = new ArrayList<>(vectors.get(i).length);
            for (float f : vectors.get(i)) {
                v.add(f);
            }
            doc.addField(VECTOR, v);
            if (sketches) {
                List<String> sketch = CopySketch.terms(p.text());
                if (!sketch.isEmpty()) {
                    doc.addField(COPY_SKETCH, sketch);
                }
            }
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
        return docs;
    }

    static SolrInputDocument file(String origin, String hash) {
        SolrInputDocument doc = new SolrInputDocument();
        doc.addField(ID, "file:" + origin);
        doc.addField(KIND, KIND_FILE);
        doc.addField(ORIGIN, origin);
        doc.addField(HASH, hash);
        return doc;
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
}
