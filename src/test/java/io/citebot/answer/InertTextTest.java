package io.citebot.answer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InertTextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "Read [the report](javascript:alert(7)) now.       | Read the report now.",
        "See ![x](data:image/png;base64,AAAA) here.        | See x here.",
        "Go <a href=\"javascript:alert(1)\">there</a>.      | Go there.",
        "A <script>alert(1)</script> b                      | A alert(1) b",
        "Pic <img src=x onerror=alert(1)> end               | Pic end",
        "Hey <!channel> and <@U123> and <#C1>               | Hey and @U123 and #C1",
        "Split < [1]! channel> here                         | Split [1]! channel> here",
        "Kept [the source](https://example.org/a) link      | Kept [the source](https://example.org/a) link",
        "<!-- hidden -->text                                | text",
        "Plain 3 < 4 and 5 > 2                              | Plain 3 < 4 and 5 > 2",
        "Auto <javascript:alert(1)> link                    | Auto link",
    })
    void should_leave_no_active_markup(String in, String out) {
        assertThat(InertText.of(in)).isEqualTo(out);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"javascript:alert(1)|", "data:text/html;base64,AA|", "/relative|",
        "https://example.org/x|https://example.org/x", "HTTP://EXAMPLE.ORG|HTTP://EXAMPLE.ORG"})
    void should_keep_only_http_urls(String in, String out) {
        assertThat(InertText.url(in)).isEqualTo(out);
    }
}
