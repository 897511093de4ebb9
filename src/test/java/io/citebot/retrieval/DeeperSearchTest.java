package io.citebot.retrieval;

import io.citebot.TestFiles;
import io.citebot.config.FusionMethod;
import io.citebot.index.CountingEmbedder;
import io.citebot.index.Filters;
import io.citebot.index.Hit;
import io.citebot.index.Ingester;
import io.citebot.index.PassageSearcher;
import io.citebot.index.SearchBackend;
import io.citebot.index.SearchRequest;
import io.citebot.index.StoredArticle;
import io.citebot.index.lucene.ArticleIndex;
import io.citebot.index.lucene.EnglishAnalysis;
import io.citebot.index.lucene.LuceneBackend;
import io.citebot.ingest.Article;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A question searched again deeper on its thread (the places copies of one report took are filled from further down)
 * reuses its first search's candidates: the same passages as a search of its own, one BM25 and graph search for both,
 * and a search anew when the index changed in between. Over a real index of the seeds and fixtures.
 */
class DeeperSearchTest {

    @TempDir
    static Path tmp;

    static ArticleIndex index;
    static Ingester ingester;

    @BeforeAll
    static void indexArticles() throws Exception {
        index = ArticleIndex.open(tmp.resolve("index"), new EnglishAnalysis());
        ingester = TestFiles.indexSeedsAndFixtures(index);
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
    }

    /** The Lucene backend, counting the candidate searches its views run. */
    static final class Counting implements SearchBackend {
        final SearchBackend inner = new LuceneBackend(index);
        final AtomicInteger searches = new AtomicInteger();

        @Override
        public <T> T read(Work<T> work) throws IOException {
            return inner.read(view -> work.run((PassageSearcher) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {PassageSearcher.class}, (proxy, method, args) -> {
                        if (method.getName().equals("candidates")) {
                            searches.incrementAndGet();
                        }
                        try {
                            return method.invoke(view, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    })));
        }

        @Override
        public Map<String, StoredArticle> articles() throws IOException {
            return inner.articles();
        }
    }

    private static HybridRetriever retriever(SearchBackend backend) {
        return new HybridRetriever(backend, TestFiles.embedder(), 0.5, FusionMethod.WEIGHTED);
    }

    private static List<String> ids(List<Hit> hits) {
        return hits.stream().map(h -> h.passage().id() + " " + h.score() + " " + h.similarity()).toList();
    }

    @Test
    void should_give_the_passages_a_search_of_its_own_gives_from_one_search() {
        for (String q : List.of("What did Dmitry Peskov say about negotiations between the United States and Iran?",
                "Which port in Norway will handle more containers after the talks?", "new opening plan repairs")) {
            Counting backend = new Counting();
            CountingEmbedder counting = new CountingEmbedder();
            HybridRetriever retriever = new HybridRetriever(backend, counting, 0.5, FusionMethod.WEIGHTED);

            List<Hit> first = retriever.retrieve(new SearchRequest(q, 5));
            List<Hit> deeper = retriever.retrieve(new SearchRequest(q, 10));

            assertThat(backend.searches).as(q).hasValue(1);
            assertThat(counting.questions).as("the question embedded once, for the search it did").hasValue(1);
            assertThat(ids(first)).as(q).isEqualTo(ids(retriever(new LuceneBackend(index)).retrieve(new SearchRequest(q, 5))));
            assertThat(ids(deeper)).as(q).isEqualTo(ids(retriever(new LuceneBackend(index)).retrieve(new SearchRequest(q, 10))))
                    .hasSizeGreaterThan(first.size());
        }
    }

    @Test
    void should_search_anew_for_another_question_other_filters_or_another_thread() throws Exception {
        Counting backend = new Counting();
        HybridRetriever retriever = retriever(backend);
        String q = "Which port in Norway will handle more containers after the talks?";

        retriever.retrieve(new SearchRequest(q, 5));
        retriever.retrieve(new SearchRequest("What did Dmitry Peskov say about Iran?", 5));
        retriever.retrieve(new SearchRequest(q, 5));
        retriever.retrieve(new SearchRequest(q, 5, null, new Filters(LocalDate.of(2024, 1, 1), null, null)));
        Thread other = Thread.ofVirtual().start(() -> retriever.retrieve(new SearchRequest(q, 10, null, new Filters(LocalDate.of(2024, 1, 1), null, null))));
        other.join();

        assertThat(backend.searches).hasValue(5);
    }

    @Test
    void should_search_anew_when_the_index_changed_between_the_two_searches() throws Exception {
        Counting backend = new Counting();
        HybridRetriever retriever = retriever(backend);
        String q = "Which lighthouse keeper rescued the stranded kayakers near Hammerfest?";
        List<Hit> before = retriever.retrieve(new SearchRequest(q, 5));
        assertThat(before).noneMatch(h -> h.article().id().equals("lighthouse-rescue"));

        ingester.put(List.of(new Article("lighthouse-rescue", "Lighthouse keeper rescues stranded kayakers near Hammerfest",
                "HAMMERFEST - The lighthouse keeper at Fuglenes rescued three stranded kayakers near Hammerfest on Sunday "
                        + "after their boats capsized in the strait.", LocalDate.of(2025, 6, 1), "Finnmark Post", null)), "api");
        try {
            List<Hit> deeper = retriever.retrieve(new SearchRequest(q, 10));

            assertThat(backend.searches).hasValue(2);
            assertThat(deeper.getFirst().article().id()).isEqualTo("lighthouse-rescue");
        } finally {
            ingester.delete("lighthouse-rescue");
        }
    }
}
