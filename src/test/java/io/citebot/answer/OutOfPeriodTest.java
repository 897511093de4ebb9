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

    @Test
    void should_name_periods_as_people_say_them() {
        assertThat(OutOfPeriod.asked(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 6))).isEqualTo("2024");
        assertThat(OutOfPeriod.asked(LocalDate.of(2024, 12, 1), LocalDate.of(2024, 12, 6))).isEqualTo("December 2024");
        assertThat(OutOfPeriod.asked(LocalDate.of(2024, 11, 30), LocalDate.of(2024, 12, 6))).isEqualTo("2024-11-30 to 2024-12-06");
        assertThat(OutOfPeriod.coverage(LocalDate.of(2022, 3, 2), LocalDate.of(2022, 5, 9))).isEqualTo("March–May 2022");
        assertThat(OutOfPeriod.coverage(LocalDate.of(2023, 12, 28), LocalDate.of(2024, 1, 3))).isEqualTo("December 2023–January 2024");
    }
}
