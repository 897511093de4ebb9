package io.citebot.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import io.citebot.ingest.Passage;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

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
}
