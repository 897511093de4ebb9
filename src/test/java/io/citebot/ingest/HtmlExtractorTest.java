package io.citebot.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.citebot.TestFiles;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

class HtmlExtractorTest {

    private static String page(String name) {
        return new String(TestFiles.bytes(TestFiles.PAGES.resolve(name)), StandardCharsets.UTF_8);
    }

    private static Article parse(String html) {
        return new ArticleParser().parse("page.html", html.getBytes(StandardCharsets.UTF_8)).articles().getFirst();
    }

    @Test
    void should_keep_every_paragraph_of_the_story_even_one_sentence_ones() {
        // when
        var page = HtmlExtractor.extract(Jsoup.parse(page("tabloid-page.html")));

        // then
        assertThat(page.paragraphs().orElseThrow()).containsExactly(
                "A hunter in northern China has been diagnosed with bubonic plague after he killed and ate a wild rabbit, health officials said on Monday.",
                "He is the third person in the region to catch the disease this month.",
                "Two other patients, a husband and wife, were taken to a hospital in Beijing last week with the more dangerous pneumonic form.",
                "Officials said the risk of further spread was low and that 28 people who had been in contact with the hunter were in quarantine and showed no symptoms.",
                "The plague is treatable with antibiotics if caught early.",
                "Isolated cases still occur every year in Madagascar, the Democratic Republic of Congo and Peru, and up to a dozen in the United States.",
                "The World Health Organization says between 1,000 and 2,000 cases are reported worldwide each year, though the real number is probably higher.");
    }

    @Test
    void should_read_metadata_from_open_graph_and_json_ld() {
        // when
        var meta = HtmlExtractor.extract(Jsoup.parse(page("tabloid-page.html"))).metadata();

        // then
        assertThat(meta.title()).isEqualTo("Hunter catches plague after eating a rabbit");
        assertThat(meta.date()).isEqualTo(LocalDate.of(2019, 11, 18));
        assertThat(meta.source()).isEqualTo("The Daily Example");
        assertThat(meta.url()).isEqualTo("https://daily.example.com/news/hunter-plague");
    }

    @Test
    void should_fall_back_to_the_whole_page_cleaner_when_readability_finds_too_little() {
        // given: a two-line wire brief with no article markup
        String html = "<html><body><div><b>Oslo</b></div><div>Norway's central bank held its key rate at 4.5 percent on"
                + " Thursday, as expected by all economists polled by the agency, and said it would likely stay there into"
                + " next year.</div></body></html>";

        // when
        var page = HtmlExtractor.extract(Jsoup.parse(html));
        String text = parse(html).text();

        // then
        assertThat(page.paragraphs()).isEmpty();
        assertThat(text).contains("Norway's central bank held its key rate");
    }

    @Test
    void should_never_return_nothing_for_a_page_with_text() {
        // when
        var article = parse("<p>Short note about the harbour closing for repairs until Monday.</p>");

        // then
        assertThat(article.text()).contains("harbour closing");
    }
}
