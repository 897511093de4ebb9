package io.citebot.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuestionsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'  What did\u00a0Putin say? '|What did Putin say?",
            "'Who\u200b won?\u0000'|Who won?",
            "'e\u0301t\u00e9'|\u00e9t\u00e9",
            "'\u202eevil\u202c text'|evil text",
            "'line one\nline two'|'line one\nline two'",
            "'\ufeffBOM first'|BOM first"})
    void should_normalize_a_question(String raw, String expected) {
        assertThat(Questions.normalize(raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u200b", "\u00a0", "\u0000", "\ud800", "\udc00 \u200d", " \t\n "})
    void should_leave_nothing_of_invisible_questions(String raw) {
        assertThat(Questions.normalize(raw)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"???|false", "...!|false", "2018|true", "Кто|true", "誰|true"})
    void should_say_whether_anything_is_left_to_search(String text, boolean searchable) {
        assertThat(Questions.searchable(text)).isEqualTo(searchable);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"abc|3", "😀😀|2", "e\u0301|2"})
    void should_count_code_points(String text, int length) {
        assertThat(Questions.length(text)).isEqualTo(length);
    }
}
