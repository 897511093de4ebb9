package io.citebot.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtractionScoreTest {

    @Test
    void should_score_an_exact_extraction_as_perfect() {
        var page = ExtractionScore.page("one two three four five", "one two three four five");

        assertThat(page.tp()).isEqualTo(1.0);
        assertThat(ExtractionScore.summarize(List.of(page)).f1()).isEqualTo(1.0);
    }

    @Test
    void should_count_extra_and_missing_four_grams() {
        // given: truth has 3 grams (a b c d, b c d e, c d e f); the prediction has 2 of them and 1 extra
        var page = ExtractionScore.page("a b c d e f", "b c d e f g");

        // then: tp 2, fp 1, fn 1, scaled by 4
        assertThat(page.tp()).isCloseTo(0.5, within(1e-9));
        assertThat(page.fp()).isCloseTo(0.25, within(1e-9));
        assertThat(page.fn()).isCloseTo(0.25, within(1e-9));
    }

    @Test
    void should_count_an_empty_extraction_in_recall_only() {
        // given
        var empty = ExtractionScore.page("a b c d e", "");
        var perfect = ExtractionScore.page("a b c d e", "a b c d e");

        // when
        var s = ExtractionScore.summarize(Arrays.asList(empty, perfect));

        // then
        assertThat(empty.precision()).isNull();
        assertThat(s.precision()).isEqualTo(1.0);
        assertThat(s.recall()).isEqualTo(0.5);
    }

    @Test
    void should_read_words_as_python_does_with_unicode_and_keep_case() {
        assertThat(ExtractionScore.grams("Ça va, très-bien_ok 2019")).containsOnlyKeys(List.of("Ça", "va", "très", "bien_ok"),
                List.of("va", "très", "bien_ok", "2019"));
        assertThat(ExtractionScore.page("The cat sat down", "the cat sat down").tp()).isZero();
    }
}
