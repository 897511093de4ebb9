package io.citebot.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.citebot.Citebot;
import io.citebot.TestFiles;
import io.citebot.answer.Answer;
import io.citebot.answer.Citation;
import io.citebot.chat.ArticleService.Submitted;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A question about a year its articles predate and never mention, over a real index: refused or told so, not answered as that year's. */
class OutOfPeriodAnswersTest {

    @TempDir
    static Path tmp;
    static Citebot bot;

    @BeforeAll
    static void start() throws Exception {
        bot = TestFiles.seedsBot(tmp.resolve("data"));
        bot.articles().put(List.of(
                new Submitted("tug-1", "Harbor retires its oldest tugboat", "The harbor's oldest tugboat, the Valkyrie, was retired"
                        + " on Friday after 61 years of service, and volunteers will restore the Valkyrie's engine room.",
                        "2025-06-06", "Harbor Daily", null),
                new Submitted("tug-2", "Valkyrie restoration to finish in 2027", "Volunteers restoring the retired tugboat Valkyrie"
                        + " expect to finish the engine room in 2027, the harbor museum said.", "2025-09-12", "Coast Times", null)));
    }

    @AfterAll
    static void stop() throws Exception {
        bot.close();
    }

    @Test
    void should_refuse_a_question_about_a_year_its_older_articles_never_mention() {
        Answer answered = bot.chat().answer("After how many years of service was the Valkyrie tugboat retired?", SearchOptions.DEFAULT);
        assertThat(answered.refused()).isFalse();
        assertThat(answered.citations()).extracting(Citation::articleId).contains("tug-1");

        // the 2025 articles cannot tell what happened in 2028
        Answer later = bot.chat().answer("After how many years of service was the Valkyrie tugboat retired in the 2028 season?",
                SearchOptions.DEFAULT);
        assertThat(later.refused()).isTrue();
        assertThat(later.text()).startsWith("The articles I have on this are from June–September 2025, before 2028, and none of them"
                + " mentions 2028, so I can't answer it. Closest: [1] Harbor retires its oldest tugboat (Harbor Daily, 2025-06-06)");
        assertThat(later.related()).extracting(Citation::articleId).contains("tug-1");

        // articles of the year before may be about the next one: the answer says when they are from
        Answer next = bot.chat().answer("After how many years of service was the Valkyrie tugboat retired in the 2026 season?",
                SearchOptions.DEFAULT);
        assertThat(next.refused()).isFalse();
        assertThat(next.text()).startsWith("The articles I have on this are from June").contains("2025, before 2026, and none of them"
                + " mentions 2026; what they say may not be about 2026. ");
        assertThat(next.shortAnswer()).isNull();

        // an article that mentions the year can speak of it
        Answer planned = bot.chat().answer("When will the restoration of the Valkyrie's engine room finish, in the 2027 plan?",
                SearchOptions.DEFAULT);
        assertThat(planned.refused()).isFalse();
        assertThat(planned.text()).contains("2027");
    }
}
