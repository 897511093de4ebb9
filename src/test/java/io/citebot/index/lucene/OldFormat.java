package io.citebot.index.lucene;

import io.citebot.index.Embedder;
import io.citebot.index.IndexFields;
import io.citebot.index.Ingester;
import io.citebot.ingest.Article;
import io.citebot.ingest.Passage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;

/** Writes an index as citebot did before copy sketches: the same documents without them, and no commit data. */
public final class OldFormat {

    private OldFormat() {
    }

    /** Each article as one passage per paragraph, embedded with {@code embedder}. */
    public static void write(Path dir, List<Article> articles, Embedder embedder) throws IOException {
        try (FSDirectory directory = FSDirectory.open(dir);
             IndexWriter w = new IndexWriter(directory, new IndexWriterConfig(new EnglishAnalysis().analyzer()))) {
            for (Article a : articles) {
                List<Passage> passages = passages(a);
                List<float[]> vectors = embedder.embed(passages.stream().map(p -> Ingester.embeddingInput(a, p)).toList());
                List<Document> docs = IndexDocuments.article(a, passages, vectors, "api:" + a.id(), "hash-" + a.id());
                docs.forEach(d -> d.removeFields(IndexFields.COPY_SKETCH));
                w.addDocuments(docs);
            }
            w.commit();
        }
    }

    /**
     * Each article as citebot wrote it before article and file documents carried empty text fields (copy sketches
     * and their commit data included): the text and headline norms stored for the passages only.
     */
    public static void writeWithoutFullNorms(Path dir, List<Article> articles, Embedder embedder) throws IOException {
        writeNorms(dir, articles, embedder, false);
    }

    /** Each article and its file's document as citebot writes them now ({@code fullNorms}) or wrote them before. */
    static void writeNorms(Path dir, List<Article> articles, Embedder embedder, boolean fullNorms) throws IOException {
        try (FSDirectory directory = FSDirectory.open(dir);
             IndexWriter w = new IndexWriter(directory, new IndexWriterConfig(new EnglishAnalysis().analyzer()))) {
            for (Article a : articles) {
                List<Passage> passages = passages(a);
                List<float[]> vectors = embedder.embed(passages.stream().map(p -> Ingester.embeddingInput(a, p)).toList());
                List<Document> docs = new ArrayList<>(IndexDocuments.article(a, passages, vectors, "api:" + a.id(), "hash-" + a.id()));
                docs.add(IndexDocuments.file("files/" + a.id() + ".txt", "file-hash-" + a.id()));
                for (Document d : docs) {
                    if (!fullNorms && d.get(IndexFields.PASSAGE_ID) == null) {
                        d.removeFields(IndexFields.TEXT);
                        d.removeFields(IndexFields.TITLE);
                    }
                }
                w.addDocuments(docs);
            }
            w.setLiveCommitData(java.util.Map.of(ArticleIndex.SKETCHES, ArticleIndex.SKETCHED).entrySet());
            w.commit();
        }
    }

    /** Three short harbor stories from two outlets. */
    public static final List<Article> HARBOR = List.of(
            new Article("tug-1", "Harbor retires its oldest tugboat", "The harbor's oldest tugboat, the Valkyrie, was retired on Friday."
                    + "\n\nCaptain Mae Ortiz steered her to the maritime museum pier.", java.time.LocalDate.of(2025, 3, 6), "Harbor Daily", null),
            new Article("pier-1", "North pier to be rebuilt", "The port board backed a plan to rebuild the north pier by 2027.",
                    java.time.LocalDate.of(2025, 3, 5), "Coast Times", null),
            new Article("bridge-1", "Bridge reopens", "The harbor bridge reopened after repairs to its deck and the tugboat lane.",
                    java.time.LocalDate.of(2025, 3, 7), "Harbor Daily", null));

    /** Whether every segment stores the text and headline norms of every one of its documents. */
    public static boolean fullNorms(ArticleIndex index) throws IOException {
        return index.withSearcher(s -> FullNorms.sparseSegments(s.getIndexReader()).isEmpty());
    }

    /** An article's passages: one per paragraph. */
    static List<Passage> passages(Article a) {
        String[] paragraphs = a.text().split("\n\n");
        List<Passage> passages = new ArrayList<>();
        int at = 0;
        for (int i = 0; i < paragraphs.length; i++) {
            passages.add(new Passage(a.id() + "#" + i, a.id(), i, paragraphs[i], at, at + paragraphs[i].length()));
            at += paragraphs[i].length() + 2;
        }
        return passages;
    }
}
