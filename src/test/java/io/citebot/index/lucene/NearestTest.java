package io.citebot.index.lucene;

import io.citebot.TestFiles;
import io.citebot.index.Filters;
import io.citebot.index.IndexFields;
import io.citebot.index.Ingester;
import io.citebot.index.PassageSearcher;
import io.citebot.ingest.Article;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.VectorUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A question's nearest passages in an index as an ingest leaves it: one large segment and a small newer one, each
 * graph searched once ({@link LuceneSearch#nearestInEachSegment}). Over a real index of the seeds and fixtures with one
 * article written after them; checked against an exact search of every vector.
 */
class NearestTest {

    @TempDir
    static Path tmp;

    static ArticleIndex index;

    static final String[] QUESTIONS = {"Which lighthouse keeper rescued the stranded kayakers near Hammerfest?",
            "What did Dmitry Peskov say about negotiations?", "Which port in Norway will handle more containers?",
            "harbor tugboat retired", "Who won the election?"};

    @BeforeAll
    static void indexArticles() throws Exception {
        index = ArticleIndex.open(tmp.resolve("index"), new EnglishAnalysis());
        Ingester ingester = TestFiles.indexSeedsAndFixtures(index);
        index.settle(Long.MAX_VALUE);
        // written after the large pass, as a feed's article is: a small segment of its own
        ingester.put(List.of(new Article("lighthouse-rescue", "Lighthouse keeper rescues stranded kayakers near Hammerfest",
                "HAMMERFEST - The lighthouse keeper at Fuglenes rescued three stranded kayakers near Hammerfest on Sunday "
                        + "after their boats capsized in the strait.", LocalDate.of(2025, 6, 1), "Finnmark Post", null)), "api");
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
    }

    /** The {@code n} documents nearest {@code vector} by their exact dot product with it, best first. */
    private static List<Integer> exact(IndexSearcher searcher, float[] vector, int n) throws java.io.IOException {
        List<ScoreDoc> all = new ArrayList<>();
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            FloatVectorValues values = leaf.reader().getFloatVectorValues(IndexFields.VECTOR);
            if (values == null) {
                continue;
            }
            KnnVectorValues.DocIndexIterator it = values.iterator();
            for (int doc = it.nextDoc(); doc != KnnVectorValues.DocIndexIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                all.add(new ScoreDoc(leaf.docBase + doc, VectorUtil.dotProduct(vector, values.vectorValue(it.index()))));
            }
        }
        all.sort(Comparator.comparingDouble((ScoreDoc sd) -> -sd.score).thenComparingInt(sd -> sd.doc));
        return all.subList(0, Math.min(n, all.size())).stream().map(sd -> sd.doc).toList();
    }

    @Test
    void should_find_across_a_large_segment_and_a_newer_small_one_what_an_exact_search_finds() throws Exception {
        assertThat(index.segmentCount()).isEqualTo(2);
        index.withSearcher(searcher -> {
            assertThat(LuceneSearch.oneDominantSegment(searcher.getIndexReader())).isTrue();
            return null;
        });
        for (String q : QUESTIONS) {
            float[] v = TestFiles.embedder().embedQuery(q);
            int n = 10;
            List<Integer> found = new LuceneBackend(index).read(view -> keys(view.nearest(v, n, Filters.NONE)));
            List<Integer> direct = index.withSearcher(searcher -> docs(LuceneSearch.nearestInEachSegment(searcher, v, 2 * n, n)));
            List<Integer> byQuery = index.withSearcher(searcher -> docs(searcher.search(new KnnFloatVectorQuery(IndexFields.VECTOR, v, 2 * n), n).scoreDocs));
            List<Integer> truth = index.withSearcher(searcher -> exact(searcher, v, n));

            // the same passages as the exact search and Lucene's query (nearly tied cosines may trade places within
            // a float's last bits, so each list's first half is looked for in the other's whole)
            assertThat(found).as(q).isEqualTo(direct);
            assertThat(truth).as(q).containsAll(found.subList(0, n / 2));
            assertThat(found).as(q).containsAll(truth.subList(0, n / 2)).containsAll(byQuery.subList(0, n / 2));
            assertThat(byQuery).as(q).containsAll(found.subList(0, n / 2));
        }
        // the newer segment's passage is found beside the large one's
        float[] v = TestFiles.embedder().embedQuery(QUESTIONS[0]);
        int best = new LuceneBackend(index).read(view -> view.nearest(v, 5, Filters.NONE)).getFirst().key();
        String article = index.withSearcher(searcher -> searcher.storedFields().document(best).get(IndexFields.ARTICLE_ID));
        assertThat(article).isEqualTo("lighthouse-rescue");
    }

    @Test
    void should_leave_an_index_of_comparable_segments_to_lucenes_query() throws Exception {
        assertThat(dominant(100, 5)).isTrue();
        assertThat(dominant(100)).isTrue();
        assertThat(dominant(60, 40)).isFalse();
        assertThat(dominant(30, 30, 30, 10)).isFalse();
    }

    /** Whether an index of segments of these sizes (each committed on its own, never merged) has a dominant one. */
    private static boolean dominant(int... segmentSizes) throws Exception {
        try (Directory dir = new ByteBuffersDirectory();
             IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig().setMergePolicy(NoMergePolicy.INSTANCE))) {
            for (int size : segmentSizes) {
                for (int i = 0; i < size; i++) {
                    writer.addDocument(new Document());
                }
                writer.commit();
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                assertThat(reader.leaves()).hasSize(segmentSizes.length);
                return LuceneSearch.oneDominantSegment(reader);
            }
        }
    }

    private static List<Integer> keys(List<PassageSearcher.Scored> scored) {
        return scored.stream().map(PassageSearcher.Scored::key).toList();
    }

    private static List<Integer> docs(ScoreDoc[] docs) {
        List<Integer> out = new ArrayList<>();
        for (ScoreDoc sd : docs) {
            out.add(sd.doc);
        }
        return out;
    }
}
