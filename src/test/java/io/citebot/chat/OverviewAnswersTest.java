package io.citebot.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.citebot.Citebot;
import io.citebot.TestFiles;
import io.citebot.answer.Answer;
import io.citebot.answer.Citation;
import io.citebot.eval.Metrics;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Overview questions on the seeds, through the core with its default (hybrid) retrieval. */
class OverviewAnswersTest {

    @TempDir
    static Path tmp;

    static Citebot bot;

    @BeforeAll
    static void start() throws Exception {
        bot = TestFiles.seedsBot(tmp.resolve("data"));
    }

    @AfterAll
    static void stop() throws Exception {
        bot.close();
    }

    private static List<String> articles(Answer a) {
        return a.citations().stream().map(Citation::articleId).distinct().toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Summarize the news about Russia and Iran.", "What are these articles about?",
            "What's the latest on Russia and Iran?", "Tell me about Putin's offer to mediate"})
    void should_answer_an_overview_with_a_brief_citing_both_articles(String question) {
        // when
        Answer a = bot.chat().answer(question, SearchOptions.DEFAULT);

        // then
        assertThat(a.refused()).as(a.text()).isFalse();
        assertThat(articles(a)).containsExactlyInAnyOrder(TestFiles.SEED_RUSSIA, TestFiles.SEED_PUTIN);
        assertThat(Metrics.hasQuestionSentence(a.text())).isFalse();
        assertThat(a.text().split("\\[\\d+]")).hasSizeBetween(3, 6);
    }

    @Test
    void should_put_the_newest_article_first_in_a_brief() {
        // given: only the Devdiscourse seed is dated (2025-04-04); the undated one comes after it
        Answer a = bot.chat().answer("What are these articles about?", SearchOptions.DEFAULT);

        // then
        assertThat(a.citations().getFirst().articleId()).isEqualTo(TestFiles.SEED_RUSSIA);
        assertThat(a.citations().getFirst().date()).isEqualTo(LocalDate.of(2025, 4, 4));
    }

    @Test
    void should_refuse_an_overview_of_a_topic_the_archive_does_not_cover() {
        Answer a = bot.chat().answer("Summarize the news about the 2018 World Cup final in Moscow's Luzhniki stadium",
                SearchOptions.DEFAULT);
        assertThat(a.refused()).as(a.text()).isTrue();
    }
}
