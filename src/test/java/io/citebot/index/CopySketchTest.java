package io.citebot.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.citebot.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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

    /** The 5-grams as first written, with the regular expression (what every index's sketches were made of). */
    static Set<Long> shinglesByExpression(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = Pattern.compile("[\\p{L}\\p{N}]+").matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            words.add(m.group());
        }
        Set<Long> out = new HashSet<>();
        for (int i = 0; i + CopySketch.SHINGLE <= words.size(); i++) {
            long h = 1125899906842597L;
            for (int k = i; k < i + CopySketch.SHINGLE; k++) {
                h = 31 * h + words.get(k).hashCode();
            }
            out.add(h);
        }
        return out;
    }

    @Test
    void should_make_the_5_grams_the_regular_expression_made_of_any_text() throws Exception {
        // the sketches already in every index were made with the expression: a passage written now must match them
        List<String> texts = new ArrayList<>(List.of(WIRE, OTHER, "", "one two three four", "a b c d e", "İstanbul'da ŞİŞLİ Straße ǅemal ⅫⅣ ²³ ٣٤ 𝔘𝔫𝔦 😀 x"));
        try (Stream<Path> files = Files.walk(TestFiles.SEEDS)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                texts.add(Files.readString(f));
            }
        }
        // characters of every kind the two ways could read differently: letters and numbers of other scripts and
        // categories, marks, symbols, punctuation, spaces, surrogate pairs and lone surrogates, case changes that
        // lengthen a string
        String alphabet = "aZ09 .,-'’_\t\nÉéßİıǅʰ一カ한ⅫⅣ²٣\u0301\u200B\u00A0$€©™😀" + "\uD835\uDD18" + "\uD800" + "\uDC00";
        Random random = new Random(20261207);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder b = new StringBuilder();
            int length = random.nextInt(60);
            for (int k = 0; k < length; k++) {
                b.append(random.nextInt(3) == 0 ? ' ' : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            texts.add(b.toString());
        }
        for (String text : texts) {
            assertThat(CopySketch.shingles(text)).as(text).isEqualTo(shinglesByExpression(text));
        }
    }

    @Test
    void should_name_the_same_outlet_for_a_source_each_time() {
        for (int i = 0; i < 3; i++) {
            assertThat(CopySketch.outlet("E.Newsletters.CNN.com")).isEqualTo("cnn.com");
            assertThat(CopySketch.outlet("news.bbc.co.uk")).isEqualTo("bbc.co.uk");
            assertThat(CopySketch.outlet(" Harbor Daily ")).isEqualTo("harbor daily");
        }
    }
}
