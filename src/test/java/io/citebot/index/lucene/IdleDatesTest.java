package io.citebot.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import io.citebot.TestFiles;
import io.citebot.index.Filters;
import io.citebot.index.Hit;
import io.citebot.index.Ingester;
import io.citebot.index.PassageSearcher;
import io.citebot.ingest.Article;
import io.citebot.ingest.Passage;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A date range that holds every date of the archive filters nothing, and is searched as no range. */
class IdleDatesTest {

    @TempDir
    static Path tmp;

    static ArticleIndex index;

    /** The harbor stories (5–7 March 2025) and one undated note. */
    static final List<Article> ARTICLES = List.of(OldFormat.HARBOR.get(0), OldFormat.HARBOR.get(1), OldFormat.HARBOR.get(2),
            new Article("undated-1", "Harbor museum notes", "The harbor museum opens its tugboat hall at nine.", null, null, null));

    @BeforeAll
    static void write() throws Exception {
        index = ArticleIndex.open(tmp.resolve("index"), new EnglishAnalysis());
        for (Article a : ARTICLES) {
            List<Passage> passages = OldFormat.passages(a);
            index.put(a, passages, TestFiles.embedder().embed(passages.stream().map(p -> Ingester.embeddingInput(a, p)).toList()),
                    "api:" + a.id(), "hash-" + a.id());
        }
        index.commit();
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
    }

    @Test
    void should_drop_only_a_range_that_every_passage_passes() throws Exception {
        Filters since2004 = Filters.NONE.withQuestionDates(LocalDate.of(2004, 1, 1), null); // "since 2004": undated pass
        Filters by2050 = new Filters(null, LocalDate.of(2050, 12, 31), "Harbor Daily").withQuestionDates(null, LocalDate.of(2050, 12, 31));
        Filters march = Filters.NONE.withQuestionDates(LocalDate.of(2025, 3, 6), LocalDate.of(2025, 3, 31)); // cuts one article
        Filters setByCaller = new Filters(LocalDate.of(2004, 1, 1), null, null); // undated articles do not pass

        assertThat(idle(since2004)).isEqualTo(new Filters(null, null, null, true));
        assertThat(idle(by2050)).isEqualTo(new Filters(null, null, "Harbor Daily", true));
        assertThat(idle(march)).isEqualTo(march);
        assertThat(idle(setByCaller)).isEqualTo(setByCaller);
        assertThat(idle(Filters.NONE)).isSameAs(Filters.NONE);
    }

    @Test
    void should_find_the_same_candidates_with_an_idle_range_as_without_one_and_still_filter_with_a_working_one() throws Exception {
        String q = "harbor tugboat museum";
        float[] vector = TestFiles.embedder().embedQuery(q);
        List<String> none = candidates(q, vector, Filters.NONE);
        List<String> since2004 = candidates(q, vector, Filters.NONE.withQuestionDates(LocalDate.of(2004, 1, 1), null));
        List<String> setByCaller = candidates(q, vector, new Filters(LocalDate.of(2004, 1, 1), null, null));
        List<String> march = candidates(q, vector, Filters.NONE.withQuestionDates(LocalDate.of(2025, 3, 6), LocalDate.of(2025, 3, 31)));

        assertThat(none).anyMatch(c -> c.startsWith("undated-1#")).anyMatch(c -> c.startsWith("pier-1#"));
        assertThat(since2004).isEqualTo(none);
        assertThat(setByCaller).isNotEmpty().noneMatch(c -> c.startsWith("undated-1#"))
                .isEqualTo(none.stream().filter(c -> !c.startsWith("undated-1#")).toList());
        assertThat(march).isNotEmpty().noneMatch(c -> c.startsWith("pier-1#")).anyMatch(c -> c.startsWith("undated-1#"));
    }

    private static Filters idle(Filters filters) throws Exception {
        return index.withSearcher(s -> LuceneSearch.withoutIdleDates(filters, s.getIndexReader()));
    }

    /** Each candidate as its passage id with its BM25 score and cosine, in key order. */
    private static List<String> candidates(String q, float[] vector, Filters filters) throws Exception {
        return new LuceneBackend(index).read(v -> {
            PassageSearcher.Candidates c = v.candidates(q, vector, 10, filters);
            List<Integer> keys = new ArrayList<>(c.keys());
            keys.sort(null);
            Map<Integer, Double> unscored = new java.util.HashMap<>();
            keys.forEach(k -> unscored.put(k, 0.0));
            List<Hit> hits = v.load(keys, unscored, Map.of());
            List<String> out = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                out.add(hits.get(i).passage().id() + " " + c.bm25().get(keys.get(i)) + " " + c.cosine().get(keys.get(i)));
            }
            return out;
        });
    }
}
