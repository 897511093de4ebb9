package io.citebot;

import static org.assertj.core.api.Assertions.assertThat;

import io.citebot.answer.Syndication;
import io.citebot.chat.ArticleService;
import io.citebot.chat.SearchOptions;
import io.citebot.config.Config;
import io.citebot.index.ArticleRef;
import io.citebot.index.StoredArticle;
import io.citebot.index.lucene.ArticleIndex;
import io.citebot.index.lucene.EnglishAnalysis;
import io.citebot.index.lucene.OldFormat;
import io.citebot.ingest.Article;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An index written before copy sketches existed gets them once, at the first start, without embedding anything again. */
class IndexUpgradeTest {

    static final String WIRE = "The harbor authority approved a 40 million dollar plan on Tuesday to rebuild the north pier of the"
            + " old port, adding a fuel dock and a ferry terminal, the authority's chairwoman Ingrid Solberg said.\n\n"
            + "Work on the north pier is to begin in May and last two years, and the ferry terminal is to open in 2028.";
    static final String TUG = "The harbor's oldest tugboat, the Valkyrie, was retired on Friday after 61 years of service."
            + " Captain Mae Ortiz steered her to the maritime museum pier, where volunteers will restore her engine room.";

    @TempDir
    Path tmp;

    static Config config(Path data) throws Exception {
        return Config.load(Map.of("CITEBOT_DATA_DIR", data.toString(), "CITEBOT_SEEDS_DIR", TestFiles.SEEDS.toString(),
                "CITEBOT_CONFIG", TestFiles.FIXTURES.resolve("empty.properties").toString()));
    }

    static long generation(Path index) throws Exception {
        try (FSDirectory d = FSDirectory.open(index)) {
            return SegmentInfos.readLatestCommit(d).getGeneration();
        }
    }

    @Test
    void should_add_copy_sketches_once_to_an_index_written_before_them() throws Exception {
        // given an index written by an older citebot: a wire story in two outlets and an unrelated report
        Path data = tmp.resolve("data");
        Path indexDir = data.resolve("index");
        OldFormat.write(indexDir, List.of(
                new Article("copy-1", "North pier to be rebuilt", WIRE, LocalDate.of(2025, 3, 5), "Coast Times", null),
                new Article("wire-1", "Port board backs plan", "BERGEN (Nordic Wire) - " + WIRE, LocalDate.of(2025, 3, 4), "Nordic Wire", null),
                new Article("tug-1", "Harbor retires its oldest tugboat", TUG, LocalDate.of(2025, 3, 6), "Harbor Daily", null)),
                TestFiles.embedder());
        Map<String, StoredArticle> before;
        Map<String, float[]> vectorsBefore;
        try (ArticleIndex old = ArticleIndex.openReadOnly(indexDir, new EnglishAnalysis())) {
            before = old.articles();
            vectorsBefore = old.vectorsOf("wire-1");
        }

        // when citebot starts on it
        try (Citebot bot = Citebot.open(config(data), false, TestFiles.embedder())) {
            // then every article is as it was, with the same vectors, and now carries its sketches
            ArticleIndex index = (ArticleIndex) bot.index();
            assertThat(index.sketched()).isTrue();
            assertThat(index.articles()).isEqualTo(before);
            Map<String, float[]> vectorsAfter = index.vectorsOf("wire-1");
            assertThat(vectorsAfter.keySet()).isEqualTo(vectorsBefore.keySet());
            vectorsBefore.forEach((k, v) -> assertThat(vectorsAfter.get(k)).containsExactly(v));
            // and a search finds the story's earliest copy beyond the one passage searched
            Syndication.Collapsed story = bot.chat().searchStories("north pier rebuilt", 1, SearchOptions.DEFAULT);
            assertThat(story.kept()).extracting(h -> h.article().id()).first().isEqualTo("wire-1");
            assertThat(story.copies().get(story.kept().getFirst().passage().id())).extracting(ArticleRef::id).containsExactly("copy-1");
        }
        long upgraded = generation(indexDir);

        // and the next start writes nothing
        try (Citebot bot = Citebot.open(config(data), false, TestFiles.embedder())) {
            assertThat(((ArticleIndex) bot.index()).sketched()).isTrue();
        }
        assertThat(generation(indexDir)).isEqualTo(upgraded);
    }

    @Test
    void should_know_a_new_index_is_sketched_from_its_first_article() throws Exception {
        Path data = tmp.resolve("fresh");
        try (Citebot bot = Citebot.open(config(data), false, TestFiles.embedder())) {
            assertThat(((ArticleIndex) bot.index()).sketched()).isTrue();
            bot.articles().put(List.of(new ArticleService.Submitted("tug-1", "Harbor retires its oldest tugboat", TUG, "2025-03-06",
                    "Harbor Daily", null)));
        }
        long written = generation(data.resolve("index"));
        try (Citebot bot = Citebot.open(config(data), false, TestFiles.embedder())) {
            assertThat(((ArticleIndex) bot.index()).sketched()).isTrue();
        }
        assertThat(generation(data.resolve("index"))).isEqualTo(written);
    }
}
