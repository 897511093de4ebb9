package io.citebot.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.citebot.TestFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ArticleParserTest {

    private final ArticleParser parser = new ArticleParser();

    private Article parseOne(String name, Path dir) {
        var parsed = parser.parse(name, TestFiles.bytes(dir.resolve(name)));
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.articles()).hasSize(1);
        return parsed.articles().getFirst();
    }

    @Test
    void should_read_headers_on_consecutive_lines_of_a_txt_file() {
        String text = "City council approves new harbor budget\nPublished: 3 November 2026\nOriginal Source: www.rivertowntimes.example\n"
                + "The city council approved a new budget for the harbor on Tuesday, after a debate that lasted well into the night and"
                + " ended with a vote of seven to two.\n"
                + "The mayor said the money would repair the pier and dredge the channel before the summer, when the ferries return to"
                + " their full timetable.\n"
                + "TRENDING\nTen things to do this weekend\n";
        Article a = new ArticleParser().parse("council.txt", text.getBytes(StandardCharsets.UTF_8)).articles().getFirst();
        assertThat(a.title()).isEqualTo("City council approves new harbor budget");
        assertThat(a.date()).hasToString("2026-11-03");
        assertThat(a.source()).isEqualTo("www.rivertowntimes.example");
        assertThat(a.text()).startsWith("The city council approved").doesNotContain("Published", "Ten things to do");
    }

    @Test
    void should_clean_the_devdiscourse_seed_and_read_its_metadata() {
        // when
        Article a = parseOne(TestFiles.SEED_RUSSIA + ".txt", TestFiles.SEEDS);

        // then
        assertThat(a.id()).isEqualTo(TestFiles.SEED_RUSSIA);
        assertThat(a.title()).isEqualTo("Diplomatic Balancing Act: Russia Mediates Between U.S. and Iran");
        assertThat(a.date()).isEqualTo(LocalDate.of(2025, 4, 4));
        assertThat(a.source()).isEqualTo("Devdiscourse News Desk");
        assertThat(a.text())
                .startsWith("Russia is proposing a diplomatic approach")
                .contains("Kremlin spokesman Dmitry Peskov called for a focus on diplomacy")
                .endsWith("global diplomatic dynamics.");
        // boilerplate of every kind is gone
        assertThat(a.text()).doesNotContain("TRENDING", "Asian markets tumble", "AI systems exert", "Hormonal Birth Control",
                "Planet and People First", "Starving for Rain", "Left Menu", "This image is AI-generated", "Newsletter",
                "info@devdiscourse.com", "Copyright", "Updated:", "With inputs from agencies", "LinkedIn", "DevShots");
    }

    @Test
    void should_read_the_source_line_and_make_a_title_from_the_first_sentence_when_there_is_no_headline() {
        // when
        Article a = parseOne(TestFiles.SEED_PUTIN + ".txt", TestFiles.SEEDS);

        // then
        assertThat(a.source()).isEqualTo("www.telegraph.co.uk");
        assertThat(a.title()).isEqualTo("Putin has proposed to mediate direct talks between Trump and Iran amidst regional tensions");
        assertThat(a.date()).isNull();
        assertThat(a.text()).doesNotContain("Original Source").endsWith("including that with Iran.");
        assertThat(a.text().split("\n\n")).hasSize(7);
    }

    @Test
    void should_strip_site_chrome_from_an_html_page_and_read_its_head() {
        // when
        Article a = parseOne("harbor-news.html", TestFiles.FIXTURES);

        // then
        assertThat(a.title()).isEqualTo("Port of Halden opens new cargo terminal");
        assertThat(a.date()).isEqualTo(LocalDate.of(2024, 11, 3));
        assertThat(a.source()).isEqualTo("Coastline Daily");
        assertThat(a.url()).isEqualTo("https://coastline.example.com/2024/11/halden-terminal");
        assertThat(a.text().split("\n\n")).hasSize(4);
        assertThat(a.text()).startsWith("The Port of Halden opened").contains("1.2 billion kroner")
                .endsWith("met the law.")
                .doesNotContain("Business", "cookies", "Photo credit", "Share on", "Fishing quotas", "Ferry strike",
                        "Subscribe", "All rights reserved", "Ingrid");
    }

    @Test
    void should_join_wrapped_lines_and_drop_related_and_most_read_lists_from_plain_text() {
        // when
        Article a = parseOne("wire-brief.txt", TestFiles.FIXTURES);

        // then
        assertThat(a.title()).isEqualTo("Lake Ontario water levels fall to a ten-year low");
        assertThat(a.date()).isEqualTo(LocalDate.of(2023, 3, 12));
        assertThat(a.source()).isEqualTo("Great Lakes Wire");
        String[] paragraphs = a.text().split("\n\n");
        assertThat(paragraphs).hasSize(3);
        assertThat(paragraphs[0]).isEqualTo("Water levels in Lake Ontario dropped to their lowest point in a decade this week,"
                + " after a dry winter left little snow to melt in the basin, the International Joint Commission said on Friday.");
        assertThat(paragraphs[2]).startsWith("Hydrologists expect");
        assertThat(a.text()).doesNotContain("Skip to content", "Drought warnings", "Farmers brace", "Stock markets",
                "recipes", "Follow us", "Copyright", "Home |");
    }

    @Test
    void should_read_markdown_front_matter_and_strip_markup_and_link_lists() {
        // when
        Article a = parseOne("council-vote.md", TestFiles.FIXTURES);

        // then
        assertThat(a.title()).isEqualTo("City council approves bike lane plan");
        assertThat(a.date()).isEqualTo(LocalDate.of(2022, 6, 14));
        assertThat(a.source()).isEqualTo("Riverside Courier");
        assertThat(a.url()).isEqualTo("https://courier.example.org/council-bike-lanes");
        assertThat(a.text()).contains("40 kilometres of protected bike lanes").doesNotContain("**", "](", "Parking fees", "Read more");
    }

    @Test
    void should_read_good_jsonl_lines_and_report_each_bad_one_with_its_line_number() {
        // when
        var parsed = parser.parse("mixed.jsonl", TestFiles.bytes(TestFiles.FIXTURES.resolve("mixed.jsonl")));

        // then
        assertThat(parsed.articles()).extracting(Article::id).containsExactly("bridge-1", "library-2");
        Article bridge = parsed.articles().getFirst();
        assertThat(bridge.date()).isEqualTo(LocalDate.of(2021, 9, 6));
        assertThat(bridge.source()).isEqualTo("West Country Post");
        assertThat(parsed.problems()).extracting(ArticleParser.Problem::line).containsExactly(2, 3, 4);
        assertThat(parsed.problems().get(0).reason()).startsWith("malformed JSON");
        assertThat(parsed.problems().get(1).reason()).isEqualTo("missing field \"text\"");
        assertThat(parsed.problems().get(2).reason()).contains("YYYY-MM-DD");
    }

    @Test
    void should_keep_a_single_dataset_paragraph_even_when_it_reads_like_a_list() {
        // given a paragraph dense with names and numbers (few stopwords)
        String line = "{\"id\": \"x\", \"title\": \"Results\", \"text\": \"Denver Broncos 24, Carolina Panthers 10. Levi's Stadium, Santa Clara, California, February 7, 2016.\"}";

        // when
        var parsed = parser.parse("d.jsonl", line.getBytes(StandardCharsets.UTF_8));

        // then
        assertThat(parsed.articles().getFirst().text()).contains("Denver Broncos 24");
    }

    @Test
    void should_reject_an_unsupported_file_type() {
        assertThatThrownBy(() -> parser.parse("notes.pdf", new byte[0])).hasMessageContaining("unsupported file type");
    }

    @Test
    void should_read_latin1_bytes_without_failing() {
        // given "Café" in windows-1252
        byte[] bytes = {'C', 'a', 'f', (byte) 0xE9, ' ', 'o', 'p', 'e', 'n', 's', ' ', 'o', 'n', ' ', 'M', 'a', 'i', 'n', ' ', 'S', 't', 'r', 'e', 'e', 't', '.'};

        // when
        var parsed = parser.parse("cafe.txt", bytes);

        // then
        assertThat(parsed.articles().getFirst().text()).isEqualTo("Café opens on Main Street.");
    }
}
