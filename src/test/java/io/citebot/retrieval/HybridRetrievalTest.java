package io.citebot.retrieval;

import io.citebot.Citebot;
import io.citebot.TestFiles;
import io.citebot.config.Config;
import io.citebot.config.RetrievalMode;
import io.citebot.index.Filters;
import io.citebot.index.Hit;
import io.citebot.index.SearchRequest;
import io.citebot.index.PassageSearcher;
import io.citebot.index.lucene.ArticleIndex;
import io.citebot.index.lucene.LuceneBackend;
import io.citebot.index.lucene.EnglishAnalysis;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The three modes and the filters, over a real index of the seeds and the dated fixtures. */
class HybridRetrievalTest {

    @TempDir
    static Path tmp;

    static ArticleIndex index;
    static Map<RetrievalMode, Retriever> retrievers;

    @BeforeAll
    static void indexArticles() throws Exception {
        index = ArticleIndex.open(tmp.resolve("index"), new EnglishAnalysis());
        TestFiles.indexSeedsAndFixtures(index);
        Config config = Config.load(Map.of("CITEBOT_CONFIG", TestFiles.FIXTURES.resolve("empty.properties").toString()));
        retrievers = Citebot.retrievers(index, TestFiles.embedder(), config);
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
    }

    private static List<Hit> search(RetrievalMode mode, String q, int k, Filters filters) {
        return retrievers.get(mode).retrieve(new SearchRequest(q, k, mode, filters));
    }

    @Test
    void should_find_by_meaning_what_shares_no_word_with_the_question() {
        // "container terminal" / "harbour" vs "shipping facility" / "port": no analyzed term in common but "new"
        String q = "Which Norwegian town got a bigger facility for shipping freight?";

        List<Hit> dense = search(RetrievalMode.DENSE, q, 3, Filters.NONE);
        List<Hit> hybrid = search(RetrievalMode.HYBRID, q, 3, Filters.NONE);

        assertThat(dense.getFirst().article().id()).isEqualTo("harbor-news");
        assertThat(hybrid.getFirst().article().id()).isEqualTo("harbor-news");
    }

    @ParameterizedTest
    @EnumSource(RetrievalMode.class)
    void should_rank_the_answering_passage_first_in_every_mode(RetrievalMode mode) {
        List<Hit> hits = search(mode, "What did Dmitry Peskov say about negotiations between the United States and Iran?", 5, Filters.NONE);
        assertThat(hits.getFirst().passage().id()).isEqualTo(TestFiles.SEED_PUTIN + "#4");
        assertThat(hits).hasSize(5);
    }

    @Test
    void should_score_every_candidate_as_the_full_bm25_and_exact_cosine_do() throws Exception {
        // Lucene reads BM25 only as deep as the candidates and scores the dense ones below it exactly: the
        // scores must be those of the complete BM25 ranking and of the exact cosine, for every candidate
        String q = "Which port in Norway will handle more containers after the talks?";
        float[] vector = TestFiles.embedder().embedQuery(q);
        new LuceneBackend(index).read(searcher -> {
            PassageSearcher.Candidates c = searcher.candidates(q, vector, 3, Filters.NONE);
            Map<Integer, Double> full = new HashMap<>();
            searcher.bm25(q, 10_000, Filters.NONE).forEach(s -> full.put(s.key(), s.score()));
            Map<Integer, Double> exact = searcher.cosines(vector, c.keys().stream().mapToInt(Integer::intValue).toArray());
            assertThat(c.keys()).hasSizeGreaterThan(3).doesNotHaveDuplicates();
            List<Integer> top3 = full.entrySet().stream().sorted(Map.Entry.<Integer, Double>comparingByValue().reversed())
                    .limit(3).map(Map.Entry::getKey).toList();
            assertThat(full).hasSizeGreaterThan(10);
            assertThat(c.keys()).as("dense candidates below BM25's top 3, some matched by BM25")
                    .anyMatch(d -> !top3.contains(d) && full.containsKey(d));
            for (int d : c.keys()) {
                assertThat(c.bm25().get(d)).as("BM25 of %d", d).isCloseTo(full.getOrDefault(d, 0.0), within(1e-6));
                assertThat(c.cosine().get(d)).as("cosine of %d", d).isCloseTo(exact.get(d), within(1e-5));
            }
            return null;
        });
    }

    @Test
    void should_compute_the_question_vector_once_on_the_asking_thread_and_find_what_the_searches_in_turn_find() throws Exception {
        // BM25 is searched on another thread while the vector is computed: the candidates must be those of the two
        // searches one after the other, and the embedding must stay on the question's thread (its time is counted there)
        String q = "Which port in Norway will handle more containers after the talks?";
        float[] vector = TestFiles.embedder().embedQuery(q);
        Thread asking = Thread.currentThread();
        List<Thread> calls = new CopyOnWriteArrayList<>();
        new LuceneBackend(index).read(searcher -> {
            PassageSearcher.Candidates c = searcher.candidates(q, () -> {
                calls.add(Thread.currentThread());
                return vector;
            }, 3, Filters.NONE);
            assertThat(calls).containsExactly(asking);
            List<Integer> lexical = searcher.bm25(q, 3, Filters.NONE).stream().map(PassageSearcher.Scored::key).toList();
            List<Integer> dense = searcher.nearest(vector, 3, Filters.NONE).stream().map(PassageSearcher.Scored::key).toList();
            assertThat(c.keys().subList(0, 3)).isEqualTo(lexical);
            assertThat(c.denseRanking()).isEqualTo(dense);
            assertThat(c.keys()).containsAll(dense).doesNotHaveDuplicates();
            return null;
        });
    }

    @Test
    void should_fail_the_search_with_the_embedding_failure_and_give_the_searcher_back() throws Exception {
        String q = "Which port in Norway will handle more containers after the talks?";
        IllegalStateException failure = new IllegalStateException("the embedding model could not be loaded");
        LuceneBackend backend = new LuceneBackend(index);
        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> backend.read(s -> s.candidates(q, () -> {
                throw failure;
            }, 3, Filters.NONE))).isSameAs(failure);
        }
        // and the index still answers
        assertThat(search(RetrievalMode.HYBRID, q, 3, Filters.NONE)).isNotEmpty();
    }

    @Test
    void should_not_fill_the_list_with_one_article_when_others_match() {
        List<Hit> hits = search(RetrievalMode.HYBRID, "Iran Russia Putin Trump Kremlin negotiations", 5, Filters.NONE);
        assertThat(hits.stream().filter(h -> h.article().id().equals(TestFiles.SEED_PUTIN)).count()).isLessThanOrEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(RetrievalMode.class)
    void should_apply_date_and_source_filters(RetrievalMode mode) {
        String q = "new opening plan repairs";
        Filters only2024 = new Filters(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31), null);
        assertThat(search(mode, q, 10, only2024)).isNotEmpty().allMatch(h -> h.article().id().equals("harbor-news"));

        Filters fromCourier = new Filters(null, null, "riverside COURIER");
        assertThat(search(mode, q, 10, fromCourier)).isNotEmpty().allMatch(h -> h.article().id().equals("council-vote"));

        Filters before2022 = new Filters(null, LocalDate.of(2021, 12, 31), null);
        assertThat(search(mode, q, 10, before2022)).isNotEmpty().allMatch(h -> h.article().id().equals("bridge-1"));
    }

    @Test
    void should_let_undated_articles_through_a_range_read_from_the_question_only() {
        String q = "Putin offer to mediate talks";
        Filters explicit = new Filters(LocalDate.of(2025, 4, 1), LocalDate.of(2025, 4, 30), null);
        assertThat(search(RetrievalMode.HYBRID, q, 10, explicit)).allMatch(h -> h.article().id().equals(TestFiles.SEED_RUSSIA));

        Filters fromQuestion = Filters.NONE.withQuestionDates(LocalDate.of(2025, 4, 1), LocalDate.of(2025, 4, 30));
        assertThat(search(RetrievalMode.HYBRID, q, 10, fromQuestion)).extracting(h -> h.article().id())
                .contains(TestFiles.SEED_RUSSIA, TestFiles.SEED_PUTIN).doesNotContain("harbor-news", "bridge-1");
    }

    @Test
    void should_know_the_newest_article_date() throws Exception {
        assertThat(index.newestDate()).contains(LocalDate.of(2025, 4, 4));
    }

    @Test
    void should_reject_an_inverted_date_range() {
        assertThatThrownBy(() -> new Filters(LocalDate.of(2025, 1, 2), LocalDate.of(2025, 1, 1), null))
                .hasMessageContaining("after");
    }
}
