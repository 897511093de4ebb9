package io.citebot.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CleanerTest {

    private static final String PROSE_1 = "The council said on Tuesday that the new library would open in the spring, after"
            + " two years of delays caused by a dispute with the builder over the cost of the roof and the windows.";
    private static final String PROSE_2 = "Residents who had waited for the building since 2019 welcomed the news, but some said"
            + " that the opening hours were still too short for those who work during the day and can only visit at night.";
    private static final String PROSE_3 = "The library will have a reading room for children, a cafe and a hall for concerts,"
            + " and it will lend tools and musical instruments as well as books to anyone who lives in the city.";

    private static List<String> clean(String... lines) {
        return Cleaner.clean(Stream.of(lines).map(Block::of).toList());
    }

    @Test
    void should_keep_prose_and_drop_short_lines_at_the_edges() {
        assertThat(clean("Menu", "Search", PROSE_1, PROSE_2, "Share", "Print")).containsExactly(PROSE_1, PROSE_2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Click here to read the full report.", "Subscribe to our newsletter for more.",
        "Follow us on Twitter for updates."})
    void should_drop_a_boilerplate_sentence_and_keep_the_reporting_around_it(String boilerplate) {
        String quote = "“We will rebuild the pier before the summer,” said the harbor master, Ingrid Solberg, on Friday.";
        assertThat(clean(PROSE_1, quote + " " + boilerplate, PROSE_2)).containsExactly(PROSE_1, quote, PROSE_2);
    }

    @Test
    void should_keep_a_short_line_between_two_paragraphs() {
        assertThat(clean(PROSE_1, "It was the third delay.", PROSE_2)).containsExactly(PROSE_1, "It was the third delay.", PROSE_2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TRENDING", "Latest News", "Related stories", "Read more:", "You may also like", "Most Read", "OPINION / BLOG / INTERVIEW"})
    void should_drop_everything_after_a_section_marker_until_prose_returns(String marker) {
        // when
        List<String> kept = clean(PROSE_1, marker, "Markets rally as the central bank holds rates steady for the summer months", "Ten places to eat in town", PROSE_3);

        // then
        assertThat(kept).containsExactly(PROSE_1, PROSE_3);
    }

    @Test
    void should_drop_teasers_and_lines_that_repeat() {
        // when
        List<String> kept = clean(PROSE_1, PROSE_2,
                "Asian markets tumble following the announcement of massive increases in tariffs on imports, reports AP.",
                "Asian markets tumble following the announcement of massive increases in ...", PROSE_3, PROSE_3);

        // then
        assertThat(kept).containsExactly(PROSE_1, PROSE_2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"© Copyright 2025", "Subscribe to our Newsletter", "This image is AI-generated and does not depict any real-life event.",
            "(With inputs from agencies.)", "Email: info@example.com", "Home | World | Sport | Weather", "Follow us on Twitter",
            "1. How relevant is this ad to you?", "Video player was slow to load content Video content never loaded Ad froze or did not"
            + " finish loading Video content did not start after ad Audio on ad was too loud Other issues"})
    void should_drop_known_boilerplate_even_between_paragraphs(String line) {
        assertThat(clean(PROSE_1, line, PROSE_2)).containsExactly(PROSE_1, PROSE_2);
    }

    @Test
    void should_drop_link_lists() {
        // when
        List<String> kept = Cleaner.clean(List.of(Block.of(PROSE_1),
                new Block("Politics Business Technology Science Health Sport Culture Opinion Weather Travel Food", 0.9, false),
                Block.of(PROSE_2)));

        // then
        assertThat(kept).containsExactly(PROSE_1, PROSE_2);
    }
}
