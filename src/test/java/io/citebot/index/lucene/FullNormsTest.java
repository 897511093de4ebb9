package io.citebot.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import io.citebot.TestFiles;
import io.citebot.index.Filters;
import io.citebot.index.IndexFields;
import io.citebot.index.Ingester;
import io.citebot.index.PassageSearcher;
import io.citebot.ingest.Article;
import io.citebot.ingest.Passage;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Article and file documents carry empty text and headline fields: norms for every document, the same BM25. */
class FullNormsTest {

    @TempDir
    Path tmp;

    static final List<Article> ARTICLES = List.of(
            new Article("tug-1", "Harbor retires its oldest tugboat", "The harbor's oldest tugboat, the Valkyrie, was retired on Friday."
                    + "\n\nCaptain Mae Ortiz steered her to the maritime museum pier.", LocalDate.of(2025, 3, 6), "Harbor Daily", null),
            new Article("pier-1", "North pier to be rebuilt", "The port board backed a plan to rebuild the north pier by 2027.",
                    LocalDate.of(2025, 3, 5), "Coast Times", null),
            new Article("bridge-1", "Bridge reopens", "The harbor bridge reopened after repairs to its deck and the tugboat lane.",
                    LocalDate.of(2025, 3, 7), "Harbor Daily", null));

    @Test
    void should_store_text_norms_for_every_document_and_score_bm25_as_without_them() throws Exception {
        // given: the same articles and files written as citebot writes them, and without the empty fields
        write(tmp.resolve("full"), false);
        write(tmp.resolve("sparse"), true);
        try (ArticleIndex full = ArticleIndex.openReadOnly(tmp.resolve("full"), new EnglishAnalysis());
             ArticleIndex sparse = ArticleIndex.openReadOnly(tmp.resolve("sparse"), new EnglishAnalysis())) {
            // then: norms for every document only with the fields, and BM25's hits and scores the same
            assertThat(fullNorms(full)).isTrue();
            assertThat(fullNorms(sparse)).isFalse();
            for (String q : List.of("harbor tugboat", "pier rebuilt 2027", "bridge deck repairs", "Valkyrie museum captain")) {
                List<PassageSearcher.Scored> a = new LuceneBackend(full).read(v -> v.bm25(q, 10, Filters.NONE));
                List<PassageSearcher.Scored> b = new LuceneBackend(sparse).read(v -> v.bm25(q, 10, Filters.NONE));
                assertThat(a).as(q).isNotEmpty().isEqualTo(b);
            }
        }
    }

    private static void write(Path dir, boolean withoutEmptyFields) throws Exception {
        try (FSDirectory directory = FSDirectory.open(dir);
             IndexWriter w = new IndexWriter(directory, new IndexWriterConfig(new EnglishAnalysis().analyzer()))) {
            for (Article a : ARTICLES) {
                List<Passage> passages = OldFormat.passages(a);
                List<float[]> vectors = TestFiles.embedder().embed(passages.stream().map(p -> Ingester.embeddingInput(a, p)).toList());
                List<Document> docs = new ArrayList<>(IndexDocuments.article(a, passages, vectors, "api:" + a.id(), "hash-" + a.id()));
                docs.add(IndexDocuments.file("files/" + a.id() + ".txt", "file-hash-" + a.id()));
                for (Document d : docs) {
                    if (withoutEmptyFields && d.get(IndexFields.PASSAGE_ID) == null) {
                        d.removeFields(IndexFields.TEXT);
                        d.removeFields(IndexFields.TITLE);
                    }
                }
                w.addDocuments(docs);
            }
            w.commit();
        }
    }

    /** Whether every segment stores the text and headline norms of every one of its documents. */
    static boolean fullNorms(ArticleIndex index) throws Exception {
        return index.withSearcher(s -> {
            for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
                for (String field : List.of(IndexFields.TEXT, IndexFields.TITLE)) {
                    NumericDocValues norms = leaf.reader().getNormValues(field);
                    if (norms == null || norms.cost() != leaf.reader().maxDoc()) {
                        return false;
                    }
                }
            }
            return true;
        });
    }
}
