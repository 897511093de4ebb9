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
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Article and file documents carry empty text and headline fields: norms for every document, the same BM25. */
class FullNormsTest {

    @TempDir
    Path tmp;

    static final List<Article> ARTICLES = OldFormat.HARBOR;

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

    @Test
    void should_write_an_older_index_again_with_full_norms_when_opened_keeping_bm25_and_the_nearest_passages() throws Exception {
        // given: an index written before article and file documents carried the empty fields, in two segments
        Path dir = tmp.resolve("old");
        write(dir, true);
        write(dir, true, List.of(new Article("ferry-1", "Ferry line to add a night crossing",
                "The harbor ferry will add a night crossing to the island from May, the port board said.",
                LocalDate.of(2025, 3, 8), "Coast Times", null)));
        List<String> queries = List.of("harbor tugboat", "pier rebuilt 2027", "bridge deck repairs", "night ferry crossing");
        List<List<String>> bm25Before = new ArrayList<>();
        List<List<String>> nearestBefore = new ArrayList<>();
        try (ArticleIndex old = ArticleIndex.openReadOnly(dir, new EnglishAnalysis())) {
            assertThat(fullNorms(old)).isFalse();
            assertThat(old.segmentCount()).isEqualTo(2);
            for (String q : queries) {
                bm25Before.add(bm25(old, q));
                nearestBefore.add(nearest(old, q));
            }
        }

        // when: a server opens it (a one-shot command leaves it as it is)
        try (ArticleIndex index = ArticleIndex.open(dir, new EnglishAnalysis())) {
            assertThat(fullNorms(index)).isFalse();
            index.upgradeInBackground();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!fullNorms(index) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }

            // then: its segments are written again in the background with full norms; the same hits and scores
            assertThat(fullNorms(index)).isTrue();
            assertThat(index.segmentCount()).isEqualTo(2);
            for (int i = 0; i < queries.size(); i++) {
                assertThat(bm25(index, queries.get(i))).as(queries.get(i)).isNotEmpty().isEqualTo(bm25Before.get(i));
                assertThat(nearest(index, queries.get(i))).as(queries.get(i)).isEqualTo(nearestBefore.get(i));
            }
        }
        // and committed: a later reader sees them
        try (ArticleIndex reopened = ArticleIndex.openReadOnly(dir, new EnglishAnalysis())) {
            assertThat(fullNorms(reopened)).isTrue();
        }
    }

    @Test
    void should_merge_segments_without_full_norms_into_one_with_them() throws Exception {
        Path dir = tmp.resolve("merged");
        write(dir, true);
        try (ArticleIndex index = ArticleIndex.open(dir, new EnglishAnalysis())) {
            // a new segment written as citebot writes now, then the two merged as a large ingest's end does
            Article ferry = new Article("ferry-1", "Ferry line to add a night crossing", "The harbor ferry will add a night crossing.",
                    LocalDate.of(2025, 3, 8), "Coast Times", null);
            List<Passage> passages = OldFormat.passages(ferry);
            index.put(ferry, passages, TestFiles.embedder().embed(passages.stream().map(p -> Ingester.embeddingInput(ferry, p)).toList()),
                    "api:ferry-1", "hash-ferry-1");
            index.commit();
            index.settle(Long.MAX_VALUE / 2);

            assertThat(index.segmentCount()).isEqualTo(1);
            assertThat(fullNorms(index)).isTrue();
        }
    }

    /** The passages BM25 ranks first for {@code q}, with their scores. */
    private static List<String> bm25(ArticleIndex index, String q) throws Exception {
        return new LuceneBackend(index).read(v -> named(v, v.bm25(q, 10, Filters.NONE), true));
    }

    /** The passages nearest to {@code q}'s embedding, with their cosines. */
    private static List<String> nearest(ArticleIndex index, String q) throws Exception {
        float[] vector = TestFiles.embedder().embedQuery(q);
        return new LuceneBackend(index).read(v -> named(v, v.nearest(vector, 5, Filters.NONE), false));
    }

    /**
     * Each scored passage as its id and score (doc ids are the view's own); a cosine to five decimals only
     * ({@code exact} false): in one full run the same two passages' cosines differed by two float ulps between the
     * searches before and after the rewrite (0.65457368 and 0.65457380; Lucene's own graph search on both, the same
     * query vector), which the order a dot product's lanes are summed in can do and which no ranking here notices.
     */
    private static List<String> named(PassageSearcher view, List<PassageSearcher.Scored> scored, boolean exact) throws java.io.IOException {
        java.util.Map<Integer, Double> scores = new java.util.HashMap<>();
        scored.forEach(sc -> scores.put(sc.key(), sc.score()));
        return view.load(scored.stream().map(PassageSearcher.Scored::key).toList(), scores, java.util.Map.of()).stream()
                .map(h -> h.passage().id() + " " + (exact ? String.valueOf(h.score()) : String.format(java.util.Locale.ROOT, "%.5f", h.score()))).toList();
    }

    private static void write(Path dir, boolean withoutEmptyFields) throws Exception {
        write(dir, withoutEmptyFields, ARTICLES);
    }

    private static void write(Path dir, boolean withoutEmptyFields, List<Article> articles) throws Exception {
        OldFormat.writeNorms(dir, articles, TestFiles.embedder(), !withoutEmptyFields);
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
