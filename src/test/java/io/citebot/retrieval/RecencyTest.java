package io.citebot.retrieval;

import io.citebot.index.ArticleRef;
import io.citebot.index.Hit;
import io.citebot.ingest.Passage;
import java.time.LocalDate;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

class RecencyTest {

    private static Hit hit(String id, LocalDate date, double score) {
        return new Hit(new Passage(id + "#0", id, 0, "t", 0, 1), new ArticleRef(id, id, date, null, null), score);
    }

    @Test
    void should_put_a_newer_article_first_when_relevance_is_close() {
        LocalDate now = LocalDate.of(2025, 4, 4);
        List<Hit> hits = List.of(hit("old", LocalDate.of(2023, 1, 1), 10), hit("new", now.minusDays(2), 9),
                hit("undated", null, 9.5), hit("irrelevant-but-new", now, 1));

        List<Hit> ranked = Recency.rerank(hits, now, 3);

        assertThat(ranked).extracting(h -> h.article().id()).containsExactly("new", "old", "undated");
    }

    @Test
    void should_favour_articles_in_a_relative_window_without_ruling_out_the_rest() {
        // given: "this week" as asked on Thursday 2022-06-16 is Monday 13th to Thursday 16th
        LocalDate from = LocalDate.of(2022, 6, 13);
        LocalDate to = LocalDate.of(2022, 6, 16);
        List<Hit> hits = List.of(hit("month-old", LocalDate.of(2022, 5, 16), 10), hit("this-week", LocalDate.of(2022, 6, 14), 9),
                hit("weekend-before", LocalDate.of(2022, 6, 11), 8.5), hit("undated", null, 9.2));

        // when
        List<Hit> ranked = Recency.rerankAround(hits, from, to, 4);

        // then: the window and its slack get the whole bonus; the rest keep their place by relevance
        assertThat(ranked).extracting(h -> h.article().id()).containsExactly("this-week", "weekend-before", "month-old", "undated");
        assertThat(Recency.windowBonus(LocalDate.of(2022, 6, 11), from, to)).isEqualTo(Recency.WINDOW_WEIGHT);
        assertThat(Recency.windowBonus(LocalDate.of(2022, 6, 3), from, to)).isCloseTo(Recency.WINDOW_WEIGHT / 2, Assertions.within(1e-9));
        assertThat(Recency.windowBonus(null, from, to)).isZero();
    }

    @Test
    void should_put_the_weeks_report_above_an_older_one_that_matches_better_but_not_a_passing_mention() {
        // given: "Which movie is at the top of the box office this week?" asked on 2022-06-16
        LocalDate from = LocalDate.of(2022, 6, 13);
        LocalDate to = LocalDate.of(2022, 6, 16);
        List<Hit> hits = List.of(hit("box-office-2016", LocalDate.of(2016, 1, 24), 10), hit("box-office-this-week", LocalDate.of(2022, 6, 15), 6),
                hit("mention-this-week", LocalDate.of(2022, 6, 14), 3));

        // when
        List<Hit> ranked = Recency.rerankAround(hits, from, to, 3);

        // then
        assertThat(ranked).extracting(h -> h.article().id()).containsExactly("box-office-this-week", "box-office-2016", "mention-this-week");
    }
}
