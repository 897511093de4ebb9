package io.citebot.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import io.citebot.index.Vectors;
import io.citebot.ingest.Article;
import io.citebot.ingest.Passage;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The newest article's date, looked up once for each state of the index, follows every write. */
class NewestDateTest {

    @TempDir
    Path tmp;

    private final Random random = new Random(7);

    @Test
    void should_follow_writes_and_deletes_of_the_newest_article() throws Exception {
        try (ArticleIndex index = ArticleIndex.open(tmp.resolve("index"), new EnglishAnalysis())) {
            // given: two dated articles and an undated one
            put(index, "jan", LocalDate.of(2024, 1, 10));
            put(index, "feb", LocalDate.of(2024, 2, 1));
            put(index, "undated", null);
            index.commit();
            assertThat(index.newestDate()).contains(LocalDate.of(2024, 2, 1));
            assertThat(index.newestDate()).as("asked again, same state").contains(LocalDate.of(2024, 2, 1));

            // when: a newer article is written, then: the next question sees it
            put(index, "mar", LocalDate.of(2024, 3, 5));
            index.commit();
            assertThat(index.newestDate()).contains(LocalDate.of(2024, 3, 5));

            // when: it is deleted, then: the one before is the newest again
            index.deleteArticle("mar");
            index.commit();
            assertThat(index.newestDate()).contains(LocalDate.of(2024, 2, 1));

            // when: every dated article is gone, then: there is none
            index.deleteArticle("jan");
            index.deleteArticle("feb");
            index.commit();
            assertThat(index.newestDate()).isEmpty();
        }
    }

    private void put(ArticleIndex index, String id, LocalDate date) throws Exception {
        String text = "The harbour of " + id + " reopened after repairs.";
        Article article = new Article(id, "Harbour " + id, text, date, "Gazette", null);
        float[] v = new float[384];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        index.put(article, List.of(new Passage(id + "#0", id, 0, text, 0, text.length())), List.of(Vectors.normalize(v)), "test", id);
    }
}
