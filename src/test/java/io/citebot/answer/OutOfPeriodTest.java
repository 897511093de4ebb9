package io.citebot.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutOfPeriodTest {

    private static Citation cite(int n, String article, LocalDate date) {
        return new Citation(n, article, "Title " + article, "Daily", date, null, article + "#0", "text");
    }

    @Test
    void should_say_when_the_coverage_is_from_when_every_cited_article_is_from_another_period() {
        Answer old = new Answer("Beijing's Bird's Nest hosts the opening [1]. It seats 80,000 [2].", false,
                List.of(cite(1, "a", LocalDate.of(2022, 2, 3)), cite(2, "b", LocalDate.of(2022, 2, 4))), 0.9);

        Answer checked = OutOfPeriod.check(old.withShortAnswer(new ShortAnswer("Bird's Nest", List.of(1))),
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));

        assertThat(checked.refused()).isFalse();
        assertThat(checked.text()).isEqualTo("The articles I have on this are from February 2022, not from 2026; what they say may"
                + " have changed since. " + old.text());
        assertThat(checked.citations()).isEqualTo(old.citations());
        assertThat(checked.shortAnswer()).isNull();
    }

    @Test
    void should_keep_an_answer_with_an_article_of_the_period_or_without_dates() {
        Answer recent = new Answer("It opened [1]. Earlier plans [2].", false,
                List.of(cite(1, "a", LocalDate.of(2026, 2, 3)), cite(2, "b", LocalDate.of(2019, 1, 1))), 0.9);
        assertThat(OutOfPeriod.check(recent, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31))).isSameAs(recent);
        // a few days before "this week" still counts
        Answer week = new Answer("It opened [1].", false, List.of(cite(1, "a", LocalDate.of(2026, 11, 26))), 0.9);
        assertThat(OutOfPeriod.check(week, LocalDate.of(2026, 11, 30), LocalDate.of(2026, 12, 6))).isSameAs(week);
        Answer undated = new Answer("It opened [1].", false, List.of(cite(1, "a", null)), 0.9);
        assertThat(OutOfPeriod.check(undated, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31))).isSameAs(undated);
    }

    private static Citation cite(int n, String article, LocalDate date, String text) {
        return new Citation(n, article, "Title " + article, "Daily", date, null, article + "#0", text);
    }

    @Test
    void should_refuse_a_question_about_a_year_from_older_articles_that_never_mention_it() {
        Answer old = new Answer("A total solar eclipse will occur on April 20 [1]. An annular eclipse on October 14 [2]. A partial one on October 25 [3].", false,
                List.of(cite(1, "a", LocalDate.of(2022, 12, 30), "A total solar eclipse will occur on April 20."),
                        cite(2, "a", LocalDate.of(2022, 12, 30), "An annular eclipse on October 14."),
                        cite(3, "b", LocalDate.of(2022, 10, 8), "A partial eclipse on October 25.")), 0.74);

        Answer checked = OutOfPeriod.check(old, "When will the next total solar eclipse be visible in the U.S. after the 2024 event?");

        assertThat(checked.refused()).isTrue();
        assertThat(checked.citations()).isEmpty();
        assertThat(checked.text()).isEqualTo("The articles I have on this are from October–December 2022, before 2024, and none"
                + " of them mentions 2024, so I can't answer it. Closest: [1] Title a (Daily, 2022-12-30); [2] Title b (Daily, 2022-10-08).");
        assertThat(checked.related()).extracting(Citation::n, Citation::articleId).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, "a"), org.assertj.core.groups.Tuple.tuple(2, "b"));
    }

    @Test
    void should_say_when_the_articles_are_from_when_they_were_written_the_year_before_or_may_still_explain() {
        Answer budget = new Answer("Lawmakers approved a $500 increase to the Pell grant [1].", false,
                List.of(cite(1, "a", LocalDate.of(2022, 12, 23), "Lawmakers approved a $500 increase to the Pell grant.")), 0.9);
        Answer checked = OutOfPeriod.check(budget.withShortAnswer(new ShortAnswer("$500", List.of(1))),
                "The Pell Grant will be raised by how much in the 2023 fiscal year?");
        assertThat(checked.refused()).isFalse();
        assertThat(checked.text()).isEqualTo("The articles I have on this are from December 2022, before 2023, and none of them"
                + " mentions 2023; what they say may not be about 2023. " + budget.text());
        assertThat(checked.shortAnswer()).isNull();

        Answer plunge = new Answer("The plunge is an annual fundraiser for Special Olympics [1].", false,
                List.of(cite(1, "a", LocalDate.of(2019, 2, 3), "The plunge is an annual fundraiser for Special Olympics.")), 0.9);
        Answer purpose = OutOfPeriod.check(plunge, "What was the purpose of the 2024 Polar Bear Plunge?");
        assertThat(purpose.refused()).isFalse();
        assertThat(purpose.text()).startsWith("The articles I have on this are from February 2019, before 2024,");
    }

    @Test
    void should_keep_an_answer_about_a_year_its_articles_mention_or_are_from() {
        String question = "When will the next total solar eclipse be visible after the 2024 event?";
        Answer preview = new Answer("The next one after April 8, 2024 is in 2044 [1].", false,
                List.of(cite(1, "a", LocalDate.of(2022, 12, 30), "The next one after April 8, 2024 is in 2044.")), 0.9);
        assertThat(OutOfPeriod.check(preview, question)).isSameAs(preview);
        Answer same = new Answer("It is in 2044 [1].", false, List.of(cite(1, "a", LocalDate.of(2024, 1, 2), "It is in 2044.")), 0.9);
        assertThat(OutOfPeriod.check(same, question)).isSameAs(same);
        Answer undated = new Answer("It is in 2044 [1].", false, List.of(cite(1, "a", null, "It is in 2044.")), 0.9);
        assertThat(OutOfPeriod.check(undated, question)).isSameAs(undated);
        Answer noYear = new Answer("It is in 2044 [1].", false, List.of(cite(1, "a", LocalDate.of(2022, 1, 2), "It is in 2044.")), 0.9);
        assertThat(OutOfPeriod.check(noYear, "When is the next total solar eclipse?")).isSameAs(noYear);
    }

    @Test
    void should_name_periods_as_people_say_them() {
        assertThat(OutOfPeriod.asked(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 6))).isEqualTo("2024");
        assertThat(OutOfPeriod.asked(LocalDate.of(2024, 12, 1), LocalDate.of(2024, 12, 6))).isEqualTo("December 2024");
        assertThat(OutOfPeriod.asked(LocalDate.of(2024, 11, 30), LocalDate.of(2024, 12, 6))).isEqualTo("2024-11-30 to 2024-12-06");
        assertThat(OutOfPeriod.coverage(LocalDate.of(2022, 3, 2), LocalDate.of(2022, 5, 9))).isEqualTo("March–May 2022");
        assertThat(OutOfPeriod.coverage(LocalDate.of(2023, 12, 28), LocalDate.of(2024, 1, 3))).isEqualTo("December 2023–January 2024");
    }
}
