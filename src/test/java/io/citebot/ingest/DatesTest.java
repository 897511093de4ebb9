package io.citebot.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DatesTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "date 2025-04-04 Left Menu                                   ; 2025-04-04",
            "Devdiscourse News Desk | Updated: 04-04-2025 16:01 IST      ; 2025-04-04",
            "Published: 12 March 2023                                    ; 2023-03-12",
            "Posted on April 4, 2025                                     ; 2025-04-04",
            "Sept. 30th, 2021                                            ; 2021-09-30",
            "05/13/2024 (month first: 13 is no month)                    ; 2024-05-13",
            "2024-11-03T08:15:00Z                                        ; 2024-11-03"})
    void should_find_the_date_news_pages_write(String text, String expected) {
        assertThat(Dates.find(text)).contains(LocalDate.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"no date here", "2025-13-45", "31-02-2025", "in the 1990s"})
    void should_find_no_date_where_there_is_none(String text) {
        assertThat(Dates.find(text)).isEmpty();
    }
}
