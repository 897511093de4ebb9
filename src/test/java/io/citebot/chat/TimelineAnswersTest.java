package io.citebot.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.citebot.Citebot;
import io.citebot.TestFiles;
import io.citebot.answer.Answer;
import io.citebot.answer.Timeline;
import io.citebot.chat.ArticleService.Submitted;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "How did X unfold?" over a real index: a dated, cited line per development, oldest first. */
class TimelineAnswersTest {

    @TempDir
    static Path tmp;
    static Citebot bot;

    @BeforeAll
    static void start() throws Exception {
        bot = TestFiles.seedsBot(tmp.resolve("data"));
        bot.articles().put(List.of(
                new Submitted("pier-3", "Work begins on the north pier", "Construction crews began demolishing the old north pier"
                        + " of the harbor on Friday, the first step of the rebuild the harbor authority approved in March.",
                        "2025-05-02", "Harbor Daily", null),
                new Submitted("pier-1", "Harbor authority approves north pier rebuild", "The harbor authority approved a 40 million"
                        + " dollar plan on Tuesday to rebuild the north pier of the old port, adding a fuel dock and a ferry terminal.",
                        "2025-03-04", "Coast Times", null),
                new Submitted("pier-4", "North pier fuel dock opens", "The rebuilt north pier's new fuel dock opened to fishing"
                        + " boats on Thursday, months ahead of the ferry terminal, the harbor master said.", "2025-11-20", "Bay Courier", null),
                new Submitted("pier-2", "Contract for north pier awarded", "The harbor authority awarded the north pier rebuild"
                        + " contract to Nordsund Marine on Thursday after a tender that drew five bids for the pier.",
                        "2025-04-10", "Harbor Daily", null),
                new Submitted("tug-1", "Harbor retires its oldest tugboat", "The harbor's oldest tugboat, the Valkyrie, was retired"
                        + " on Friday after 61 years of service, and volunteers will restore the Valkyrie's engine room.",
                        "2025-06-06", "Harbor Daily", null)));
    }

    @AfterAll
    static void stop() throws Exception {
        bot.close();
    }

    @Test
    void should_read_the_story_a_timeline_question_asks_about() {
        assertThat(Timeline.topic("How did the north pier rebuild unfold?")).contains("the north pier rebuild");
        assertThat(Timeline.topic("Timeline of the Iran nuclear talks")).contains("the Iran nuclear talks");
        assertThat(Timeline.topic("Give me a timeline of the strike.")).contains("the strike");
        assertThat(Timeline.topic("What were the key events in the Gaza ceasefire?")).contains("the Gaza ceasefire");
        assertThat(Timeline.topic("How has the housing crisis developed so far?")).contains("the housing crisis");
        assertThat(Timeline.topic("Who rebuilt the north pier?")).isEmpty();
        assertThat(Timeline.topic("Summarize the news about the pier")).isEmpty();
    }

    @Test
    void should_tell_how_a_story_unfolded_one_dated_cited_line_a_development_oldest_first() {
        // when
        Answer a = bot.chat().answer("How did the north pier rebuild unfold?", SearchOptions.DEFAULT);

        // then the four reports, in date order, each cited, none about the tugboat
        assertThat(a.refused()).isFalse();
        assertThat(a.timeline()).extracting(e -> e.date().toString())
                .containsExactly("2025-03-04", "2025-04-10", "2025-05-02", "2025-11-20");
        assertThat(a.text().split("\n")).hasSize(4).allSatisfy(line -> assertThat(line).matches("2025-\\d\\d-\\d\\d: .+\\[\\d+\\]\\.?"));
        assertThat(a.timeline().getFirst().text()).contains("approved");
        assertThat(a.citations()).extracting(c -> c.articleId()).containsExactlyInAnyOrder("pier-1", "pier-2", "pier-3", "pier-4");
        for (Timeline.Event e : a.timeline()) {
            assertThat(a.citations().stream().filter(c -> c.n() == e.citation()).findFirst().orElseThrow().date()).isEqualTo(e.date());
        }
    }

    @Test
    void should_say_so_when_the_archive_holds_one_date_only_and_refuse_a_story_it_lacks() {
        Answer one = bot.chat().answer("Timeline of the Valkyrie tugboat retirement", SearchOptions.DEFAULT);
        assertThat(one.refused()).isFalse();
        assertThat(one.text()).startsWith("The archive's reports on this are all from 2025-06-06").contains("[1]");
        assertThat(one.timeline()).hasSize(1);

        Answer none = bot.chat().answer("How did the Mars colony mission unfold?", SearchOptions.DEFAULT);
        assertThat(none.refused()).isTrue();
        assertThat(none.timeline()).isEmpty();
    }
}
