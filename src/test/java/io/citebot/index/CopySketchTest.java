package io.citebot.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CopySketchTest {

    static final String WIRE = "The harbor authority approved a 40 million dollar plan on Tuesday to rebuild the north pier of the"
            + " old port, adding a fuel dock and a ferry terminal, the authority's chairwoman Ingrid Solberg said. Work on the"
            + " north pier is to begin in May and last two years, and the ferry terminal is to open in 2028.";
    static final String OTHER = "Iran and the United States held a second round of nuclear talks in Muscat on Saturday, and both"
            + " delegations called the meeting constructive. Iran's foreign minister said the talks would continue next week in"
            + " Rome, with Oman again mediating between Tehran and Washington, for the first time in years.";

    static int shared(List<String> a, List<String> b) {
        Set<String> s = new HashSet<>(a);
        s.retainAll(b);
        return s.size();
    }

    @Test
    void should_sketch_the_same_text_the_same_way_whatever_its_case_and_punctuation() {
        assertThat(CopySketch.terms(WIRE)).hasSize(CopySketch.HASHES).doesNotHaveDuplicates()
                .isEqualTo(CopySketch.terms(WIRE.toUpperCase().replace(",", " ;")));
    }

    @Test
    void should_share_sketch_values_between_copies_and_not_between_different_reports() {
        String datelined = "BERGEN (Nordic Wire) - " + WIRE;
        String trimmed = WIRE.substring(0, WIRE.indexOf(", and the ferry")) + ".";
        String longer = WIRE + " The authority also approved new lighting for the south quay, and a study of the old customs house.";
        for (String copy : List.of(datelined, trimmed, longer)) {
            assertThat(shared(CopySketch.terms(WIRE), CopySketch.terms(copy))).as(copy).isGreaterThanOrEqualTo(CopySketch.MIN_SHARED);
            assertThat(CopySketch.copies(CopySketch.shingles(WIRE), CopySketch.shingles(copy))).as(copy).isTrue();
        }
        assertThat(shared(CopySketch.terms(WIRE), CopySketch.terms(OTHER))).isLessThan(CopySketch.MIN_SHARED);
        assertThat(CopySketch.copies(CopySketch.shingles(WIRE), CopySketch.shingles(OTHER))).isFalse();
    }

    @Test
    void should_give_no_sketch_to_a_line_too_short_to_be_called_a_copy() {
        assertThat(CopySketch.terms("Iran talks resume in Muscat on Saturday")).isEmpty();
        assertThat(CopySketch.copies(CopySketch.shingles("Iran talks resume"), CopySketch.shingles("Iran talks resume"))).isFalse();
    }
}
