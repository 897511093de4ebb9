package io.citebot.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextHygieneTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"'a\u00a0b'|a b", "'zero\u200bwidth'|zerowidth", "'esc\u001b[2Jape'|esc[2Jape",
            "'keep\nlines\tand tabs'|'keep\nlines\tand tabs'", "'bell\u0007'|bell", "'rtl\u202eoverride'|rtloverride"})
    void should_keep_no_control_or_format_characters(String raw, String clean) {
        assertThat(TextHygiene.clean(raw)).isEqualTo(clean);
    }

    @Test
    void should_store_articles_without_invisible_characters_and_make_no_empty_passage() {
        // given: a paragraph of nothing but zero-width spaces between two real ones
        Article a = new Article("x", "Title\u200b", "The council met on Monday to discuss the budget for next year.\n\n"
                + "\u200b\u200b \u2060\n\nIt voted to raise spending on roads by a tenth.", null, null, null);

        // when
        var passages = Chunker.defaults().chunk(a);

        // then
        assertThat(a.title()).isEqualTo("Title");
        assertThat(passages).extracting(Passage::text).allMatch(TextHygiene::hasWords);
        assertThat(passages).extracting(Passage::ordinal).containsExactly(0, 1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {"https://example.com/a|https://example.com/a", "HTTP://EXAMPLE.COM|HTTP://EXAMPLE.COM",
            "javascript:alert(1)|-", "data:text/html,x|-", "//example.com/a|-", "ftp://example.com|-"})
    void should_keep_only_web_addresses(String url, String kept) {
        assertThat(new Article("x", "T", "Text of the article.", null, null, url).url()).isEqualTo(kept);
    }
}
