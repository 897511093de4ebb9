package io.citebot.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.assertj.core.api.Assertions;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetricsTest {

    private static final List<String> RANKED = List.of("d3", "d1", "d7", "d2", "d9", "d4");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // evidence | hits@1 | hits@5 | recall@5 | rr@10
            "d3         | 1      | 1      | 1.0      | 1.0",
            "d1         | 0      | 1      | 1.0      | 0.5",
            "d4         | 0      | 0      | 0.0      | 0.16666666666666666",
            "d1 d4      | 0      | 1      | 0.5      | 0.5",
            "x          | 0      | 0      | 0.0      | 0.0"})
    void should_compute_retrieval_metrics(String evidence, double h1, double h5, double r5, double rr) {
        List<String> ev = List.of(evidence.split(" "));
        assertThat(Metrics.hitsAt(RANKED, ev, 1)).isEqualTo(h1);
        assertThat(Metrics.hitsAt(RANKED, ev, 5)).isEqualTo(h5);
        assertThat(Metrics.recallAt(RANKED, ev, 5)).isEqualTo(r5);
        assertThat(Metrics.reciprocalRank(RANKED, ev, 10)).isCloseTo(rr, within(1e-9));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "The Denver Broncos won [1].       | denver broncos  | true",
            "They beat the Carolina Panthers.  | Panthers!       | true",
            "It was in Santa Clara, California | santa clara     | true",
            "The score was 24–10.              | 24 10           | true",
            "Cafe Zürich opened.               | Zurich          | true",
            "The Broncos won.                  | Bronco          | false",
            "Nothing here.                     | ''              | false"})
    void should_match_answers_ignoring_case_accents_and_punctuation_on_word_boundaries(String text, String answer, boolean expected) {
        assertThat(Metrics.containsAnswer(text, List.of(answer))).isEqualTo(expected);
    }

    @Test
    void should_take_nearest_rank_quantiles() {
        double[] v = {5, 1, 4, 2, 3, 6, 7, 8, 9, 10};
        assertThat(Metrics.quantile(v, 0.5)).isEqualTo(5);
        assertThat(Metrics.quantile(v, 0.99)).isEqualTo(10);
        assertThat(Metrics.words("One two [1]. Three [2].")).isEqualTo(3);
    }

    @Test
    void should_pick_the_threshold_with_the_best_balanced_accuracy() {
        // given answerable questions score high, unanswerable ones low, with overlap around 0.5
        var answerable = List.of(new Calibration.Scored(0.9, true), new Calibration.Scored(0.7, true),
                new Calibration.Scored(0.55, false), new Calibration.Scored(0.45, true));
        var unanswerable = List.of(0.1, 0.3, 0.5, 0.52);

        // when
        var rows = Calibration.sweep(answerable, unanswerable, 0.05);
        var best = Calibration.best(rows);

        // then
        assertThat(best.threshold()).isEqualTo(0.55);
        assertThat(best.answeredAnswerable()).isEqualTo(0.75);
        assertThat(best.refusedUnanswerable()).isEqualTo(1.0);
        assertThat(best.answeredAndCorrect()).isEqualTo(0.5);
    }

    @Test
    void should_score_short_answers_as_squads_evaluation_script_does() {
        // lower case, punctuation and articles removed before comparing
        Assertions.assertThat(Metrics.exactMatch("The Denver Broncos", List.of("Denver Broncos"))).isEqualTo(1.0);
        Assertions.assertThat(Metrics.exactMatch("Wendy’s", List.of("Wendy's"))).isEqualTo(1.0);
        Assertions.assertThat(Metrics.exactMatch("Broncos", List.of("Denver Broncos"))).isEqualTo(0.0);
        // F1 of tokens: "Broncos" against "Denver Broncos" has precision 1 and recall 1/2
        Assertions.assertThat(Metrics.f1("Broncos", List.of("Denver Broncos", "Carolina"))).isCloseTo(2.0 / 3, Offset.offset(1e-9));
        Assertions.assertThat(Metrics.f1("Carolina Panthers", List.of("Denver Broncos"))).isEqualTo(0.0);
    }
}
