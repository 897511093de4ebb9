package io.citebot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.slack.api.app_backend.SlackSignature;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.util.json.GsonFactory;
import io.citebot.answer.Answer;
import io.citebot.answer.Citation;
import io.citebot.answer.ShortAnswer;
import io.citebot.api.ArticleLinks;
import io.citebot.chat.ChatReply;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlackMessagesTest {

    static final ArticleLinks LINKS = new ArticleLinks("https://bot.example", Set.of());

    private static final Gson gson = GsonFactory.createSnakeCase();

    private static Citation citation(int n, String article, String title, String url) {
        return new Citation(n, article, title, "Q&A <Daily>", LocalDate.of(2025, 4, 4), url, article + "#1", "passage " + n);
    }

    @Test
    void should_escape_titles_with_angle_brackets_and_ampersands_and_link_them() {
        // markup and mentions in a title never reach Slack active: tags dropped, mentions plain, the rest escaped
        String line = SlackMessages.sourceLine(List.of(citation(1, "a", "Trade & tariffs: <b>the US</b> 3 < 4 <@U1> <!channel>",
                "https://news.example.com/a?x=1&y=2")), LINKS);
        assertThat(line).isEqualTo("[1] <https://news.example.com/a?x=1&amp;y=2|Trade &amp; tariffs: the US 3 &lt; 4 @U1>"
                + " · Q&amp;A &lt;Daily&gt; · 2025-04-04");
    }

    @Test
    void should_not_link_urls_that_are_not_http() {
        assertThat(SlackText.link("javascript:alert(1)", "x")).isEqualTo("x");
        assertThat(SlackText.link("https://a.example/x|y>z", "t")).isEqualTo("<https://a.example/x%7Cy%3Ez|t>");
    }

    @Test
    void should_group_citations_of_one_article_on_one_line() {
        var reply = new ChatReply("c1", 1, new Answer("One [1]. Two [2]. Three [3].", false,
                List.of(citation(1, "a", "A", null), citation(2, "b", "B", null), citation(3, "a", "A", null)), 0.9), "q");
        String blocks = gson.toJson(SlackMessages.answer(reply, "https://bot.example/#c=c1", null, LINKS).getFirst().blocks())
                .replace("\\u003c", "<").replace("\\u003e", ">");
        // articles without a URL of their own link to citebot's view of them
        assertThat(blocks).contains("[1] [3] <https://bot.example/articles/a").contains("|A>").contains("[2] <https://bot.example/articles/b");
    }

    @Test
    void should_lead_with_the_short_answer_in_bold_with_its_citations() {
        var answer = new Answer("Barry Bonds holds the record [1]. Bonds & co [2].", false,
                List.of(citation(1, "a", "A", null), citation(2, "b", "B", null)), 0.9)
                .withShortAnswer(new ShortAnswer("Bonds & Co > rest", List.of(1, 2)));
        var blocks = SlackMessages.answer(new ChatReply("c1", 1, answer, "q"), null, null, LINKS).getFirst().blocks();
        String first = gson.toJson(blocks.getFirst()).replace("\\u0026", "&").replace("\\u003c", "<").replace("\\u003e", ">");
        assertThat(first).contains("*Bonds &amp; Co &gt; rest* [1][2]");
    }

    @Test
    void should_keep_a_long_answer_within_slacks_limits() {
        // an answer of 60 sentences of 200 characters, each cited: 12,000 characters and 60 sources
        StringBuilder text = new StringBuilder();
        List<Citation> cites = new ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            text.append("Sentence ").append(i).append(" & more ").append("x".repeat(170)).append(" [").append(i).append("]. ");
            cites.add(citation(i, "art" + i, "Title " + i + " " + "t".repeat(80), "https://news.example.com/" + i));
        }
        var reply = new ChatReply("c1", 3, new Answer(text.toString().strip(), false, cites, 0.9), "q");
        List<SlackMessages.Message> messages = SlackMessages.answer(reply, "https://bot.example/#c=c1", null, LINKS);

        String all = "";
        for (SlackMessages.Message m : messages) {
            assertThat(m.blocks()).hasSizeLessThanOrEqualTo(SlackMessages.MAX_BLOCKS);
            String json = gson.toJson(m.blocks());
            all += json;
            for (var section : m.blocks()) {
                if (section instanceof SectionBlock s) {
                    assertThat(s.getText().getText().length()).isLessThanOrEqualTo(SlackMessages.SECTION_CHARS);
                    assertThat(s.getText().getText()).doesNotEndWith("&amp").doesNotContain("&amp&");
                }
            }
        }
        assertThat(all).contains("[60]").contains("Sentence 60").contains("Title 60");
        assertThat(gson.toJson(messages.getLast().blocks())).contains("citebot_vote_up");
        assertThat(messages.getFirst().text().length()).isLessThanOrEqualTo(301);
    }

    @Test
    void should_split_into_messages_when_blocks_run_out() {
        List<String> parts = SlackMessages.split("word ".repeat(40_000));
        assertThat(parts).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(SlackMessages.SECTION_CHARS));
        assertThat(String.join(" ", parts).replaceAll("\\s+", " ").strip()).isEqualTo("word ".repeat(40_000).strip());
        var reply = new ChatReply("c1", 1, new Answer("word ".repeat(40_000).strip(), false, List.of(), 0.9), "q");
        List<SlackMessages.Message> messages = SlackMessages.answer(reply, null, null, LINKS);
        assertThat(messages).hasSizeGreaterThan(1);
        assertThat(messages).allSatisfy(m -> assertThat(m.blocks()).hasSizeLessThanOrEqualTo(SlackMessages.MAX_BLOCKS));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
            "<@UBOT> What did Peskov say? => What did Peskov say?",
            "What did <@U123|ana> ask <@UBOT>? => What did @ana ask?",
            "Q&amp;A about &lt;tariffs&gt; => Q&A about <tariffs>",
            "See <https://example.com/x|this story> in <#C1|news> => See this story in #news",
            "<!here> anything on Iran? => anything on Iran?",
            "<@UBOT> => ''",
    })
    void should_read_the_question_from_a_message(String text, String question) {
        assertThat(SlackText.question(text, "UBOT")).isEqualTo(question);
    }

    @Test
    void should_verify_signatures_within_five_minutes_either_way() {
        Instant now = Instant.parse("2026-11-22T12:00:00Z");
        RequestVerifier v = new RequestVerifier("secret", Clock.fixed(now, ZoneOffset.UTC));
        var gen = new SlackSignature.Generator("secret");
        byte[] body = "{\"a\":1}".getBytes();
        for (long offset : new long[] {-300, 0, 300}) {
            String ts = String.valueOf(now.getEpochSecond() + offset);
            assertThat(v.verify(ts, gen.generate(ts, "{\"a\":1}"), body)).isTrue();
        }
        for (long offset : new long[] {-301, 301, 100_000}) {
            String ts = String.valueOf(now.getEpochSecond() + offset);
            assertThat(v.verify(ts, gen.generate(ts, "{\"a\":1}"), body)).isFalse();
        }
        String ts = String.valueOf(now.getEpochSecond());
        assertThat(v.verify(ts, gen.generate(ts, "{\"a\":2}"), body)).isFalse();
        assertThat(v.verify("abc", "v0=00", body)).isFalse();
        assertThat(v.verify(null, null, body)).isFalse();
    }

    @Test
    void should_remember_events_for_a_while_and_within_bounds() throws Exception {
        SeenEvents seen = new SeenEvents(3, Duration.ofMillis(200));
        assertThat(seen.firstTime("a")).isTrue();
        assertThat(seen.firstTime("a")).isFalse();
        seen.firstTime("b");
        seen.firstTime("c");
        seen.firstTime("d");
        assertThat(seen.firstTime("a")).isTrue();
        Thread.sleep(250);
        assertThat(seen.firstTime("d")).isTrue();
    }
}
