package io.citebot.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ArticleTrimmerTest {

    private static final String PROSE = "The council voted on Tuesday to rebuild the bridge, which has been closed to traffic since a flood damaged it in March.";

    private static List<String> trim(String title, Block... blocks) {
        return ArticleTrimmer.trim(List.of(blocks), title).stream().map(Block::text).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Image 1 of 5", "(Image credit: Blue Origin)", "(Image: GETTY)", "Photo: Meg Kinnard, AP",
            "The hospital where plague patients were treated Credit: EPA", "Related: SpaceX's Starship in Pictures",
            "SEE MORE: Hong Kong protests: 800 students under siege", "18 Nov 2019, 19:09",
            "Updated 12:24 am EST, Wednesday, November 20, 2019", "PUBLISHED: 10:48, Tue, Nov 19, 2019 | UPDATED: 11:05, Tue, Nov 19, 2019",
            "BLACK DEATH FEARS", "‘NAÏVE AND TRUSTING’", "Subscribe to our newsletter for the morning briefing."})
    void should_drop_what_sites_put_inside_the_article(String line) {
        assertThat(trim(null, Block.of(PROSE), Block.of(line), Block.of(PROSE + " Again."))).doesNotContain(line);
    }

    @ParameterizedTest
    @ValueSource(strings = {"He is the third person in the region to catch the disease this month.", "Bugs fixed.",
            "Palm Bay d. Rockledge 70-44", "これが非常に困ったもの。", "Kindle for PCをインストールすると自動でホットキーが設定されます。",
            "The vote was held on 18 November 2019 in the town hall, after two hours of debate."})
    void should_keep_short_paragraphs_of_the_story(String line) {
        assertThat(trim(null, Block.of(PROSE), Block.of(line), Block.of(PROSE + " Again."))).contains(line);
    }

    @Test
    void should_drop_the_headline_and_the_lines_above_the_first_paragraph() {
        assertThat(trim("Bridge to be rebuilt", Block.of("Home"), Block.of("News"), Block.of("Bridge to be rebuilt"),
                Block.of("By Ann Smith"), Block.of(PROSE), Block.of("A subheading later on")))
                .containsExactly(PROSE, "A subheading later on");
    }

    @Test
    void should_drop_a_section_after_its_marker_until_prose_returns() {
        // given
        String teaser = "Furious mum demands labels scrapped";

        // when
        var kept = trim(null, Block.of(PROSE), Block.of("You may also like"), Block.of(teaser), new Block("Who will make the Rock Hall?", 1, false),
                Block.of("The bridge will reopen in 2026, the council said in a statement after the vote."));

        // then
        assertThat(kept).containsExactly(PROSE, "The bridge will reopen in 2026, the council said in a statement after the vote.");
    }

    @Test
    void should_drop_a_caption_printed_twice_and_short_blocks_of_links() {
        // given
        String caption = "Former Gov. Deval Patrick, left, speaks with a business owner during a campaign stop in Columbia.";

        // when
        var kept = trim(null, Block.of(PROSE), Block.of(caption), Block.of(caption), new Block("China furious at Macron [INSIGHT]", 0.9, false));

        // then
        assertThat(kept).containsExactly(PROSE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"RANDY ANDY|true", "DIGG PICKS / AFFILIATE|true", "NASA|true", "Bugs fixed|false",
            "THE END.|false", "日本語の見出し|false"})
    void should_tell_kickers_by_their_capitals(String text, boolean kicker) {
        assertThat(ArticleTrimmer.isKicker(text)).isEqualTo(kicker);
    }
}
