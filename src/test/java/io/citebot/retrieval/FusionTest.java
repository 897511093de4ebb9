package io.citebot.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FusionTest {

    private static Map<String, Double> scores(String spec) {
        Map<String, Double> m = new HashMap<>();
        if (!spec.isBlank()) {
            for (String pair : spec.split(" ")) {
                String[] kv = pair.split("=");
                m.put(kv[0], Double.parseDouble(kv[1]));
            }
        }
        return m;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // bm25 scores      | cosines                 | weight | id | fused
            "a=10 b=5 c=0       | a=0.5 b=0.9 c=0.7        | 0.5    | a  | 0.5",
            "a=10 b=5 c=0       | a=0.5 b=0.9 c=0.7        | 0.5    | b  | 0.75",
            "a=10 b=5 c=0       | a=0.5 b=0.9 c=0.7        | 0.5    | c  | 0.25",
            "a=10 b=5 c=0       | a=0.5 b=0.9 c=0.7        | 1.0    | a  | 1.0",
            "a=10 b=5 c=0       | a=0.5 b=0.9 c=0.7        | 0.0    | b  | 1.0",
            "a=10 b=5           | a=0.5 b=0.9 d=0.7        | 0.5    | d  | 0.25",
            "a=3                | a=0.2                    | 0.5    | a  | 1.0"})
    void should_sum_min_max_normalised_scores_with_weights(String bm25, String cosine, double w, String id, double expected) {
        assertThat(Fusion.weightedSum(scores(bm25), scores(cosine), w).get(id)).isCloseTo(expected, within(1e-9));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // ranking 1 | ranking 2 | id | fused (k = 60)
            "a b c       | c a       | a  | 0.032522474881015335",
            "a b c       | c a       | b  | 0.016129032258064516",
            "a b c       | c a       | c  | 0.032266458495966696",
            "a           | b         | b  | 0.01639344262295082"})
    void should_fuse_reciprocal_ranks(String r1, String r2, String id, double expected) {
        var fused = Fusion.reciprocalRank(List.of(Arrays.asList(r1.split(" ")), Arrays.asList(r2.split(" "))), Fusion.RRF_K);
        assertThat(fused.get(id)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void should_rank_a_document_found_by_both_lists_above_one_found_by_one() {
        var fused = Fusion.reciprocalRank(List.of(List.of("x", "both"), List.of("y", "both")), 60);
        assertThat(fused.get("both")).isGreaterThan(fused.get("x")).isGreaterThan(0);
    }
}
