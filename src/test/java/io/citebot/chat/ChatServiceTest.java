package io.citebot.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.citebot.Citebot;
import io.citebot.TestFiles;
import io.citebot.answer.Answer;
import io.citebot.answer.Citation;
import io.citebot.config.Config;
import io.citebot.index.Filters;
import io.citebot.index.Hit;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The core, over articles of different dates (2021 to 2025, and undated ones). */
class ChatServiceTest {

    @TempDir
    static Path tmp;

    static Citebot bot;

    @BeforeAll
    static void start() throws Exception {
        Path articles = TestFiles.copyTree(TestFiles.SEEDS, tmp.resolve("articles"));
        TestFiles.copyTree(TestFiles.FIXTURES, articles.resolve("more"));
        Config config = Config.load(Map.of("CITEBOT_DATA_DIR", tmp.resolve("data").toString(), "CITEBOT_SEEDS_DIR",
                articles.toString(), "CITEBOT_CONFIG", TestFiles.FIXTURES.resolve("empty.properties").toString()));
        bot = Citebot.open(config, false, TestFiles.embedder());
        bot.syncSeeds();
    }

    @AfterAll
    static void stop() throws Exception {
        bot.close();
    }

    private static List<String> cited(Answer a) {
        return a.citations().stream().map(Citation::articleId).distinct().toList();
    }

    @Test
    void should_narrow_to_the_month_a_question_names() {
        Answer a = bot.chat().answer("Which cargo terminal opened in November 2024?", SearchOptions.DEFAULT);
        assertThat(a.refused()).isFalse();
        assertThat(cited(a)).containsExactly("more/harbor-news");
    }

    @Test
    void should_count_last_week_from_the_newest_article_or_from_the_given_now() {
        // the newest article is 2025-04-04: "last week" is 2025-03-28..2025-04-04 (undated articles may still answer)
        List<Hit> hits = bot.chat().search("What happened last week?", 10, SearchOptions.DEFAULT);
        assertThat(hits).extracting(h -> h.article().id()).doesNotContain("more/harbor-news", "more/wire-brief", "more/council-vote");

        // with now = 2024-11-05, last week holds the harbour story
        var then = new SearchOptions(null, Filters.NONE, LocalDate.of(2024, 11, 5));
        assertThat(bot.chat().search("Which port opened a terminal last week?", 3, then).getFirst().article().id())
                .isEqualTo("more/harbor-news");
    }

    @Test
    void should_treat_a_relative_range_with_a_topic_as_a_preference_not_a_filter() {
        // given: asked on 2024-11-20, "last week" is 11-13..11-20; the harbour story is from 11-03
        var then = new SearchOptions(null, Filters.NONE, LocalDate.of(2024, 11, 20));

        // when
        List<Hit> hits = bot.chat().search("Which port opened a new cargo terminal last week?", 3, then);

        // then: it is still found, since the question says what it is about
        assertThat(hits.getFirst().article().id()).isEqualTo("more/harbor-news");
    }

    @Test
    void should_prefer_newer_articles_when_asked_for_the_latest() {
        // both seeds are about Russia, Iran and talks; only one is dated (the newest article, 2025-04-04)
        List<Hit> latest = bot.chat().search("What is the latest on Russia, Iran and the talks?", 3, SearchOptions.DEFAULT);
        assertThat(latest.getFirst().article().id()).isEqualTo(TestFiles.SEED_RUSSIA);
        assertThat(latest.getFirst().article().date()).isEqualTo(LocalDate.of(2025, 4, 4));
    }

    @Test
    void should_let_the_caller_filters_win_over_words_in_the_question() {
        var only2021 = new SearchOptions(null, new Filters(LocalDate.of(2021, 1, 1), LocalDate.of(2021, 12, 31), null), null);
        List<Hit> hits = bot.chat().search("What reopened in November 2024?", 5, only2021);
        assertThat(hits).isNotEmpty().allMatch(h -> h.article().id().equals("bridge-1"));
    }

    @Test
    void should_return_one_result_per_article_when_asked() {
        List<Hit> hits = bot.chat().search("Iran Russia Putin Kremlin", 3, SearchOptions.DEFAULT, true);
        assertThat(hits).extracting(h -> h.article().id()).doesNotHaveDuplicates();
        assertThat(hits.getFirst().article().id()).isIn(TestFiles.SEED_PUTIN, TestFiles.SEED_RUSSIA);
    }
}
