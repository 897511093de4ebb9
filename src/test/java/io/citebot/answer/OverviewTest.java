package io.citebot.answer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OverviewTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Summarize the news about Russia and Iran.|Russia and Iran",
            "What's the latest on the Iran talks?|the Iran talks",
            "Tell me about the port of Halden|the port of Halden",
            "What happened with the ferry strike?|the ferry strike",
            "Give me a summary of the articles about Iran|Iran",
            "Can you catch me up on the bridge repairs?|the bridge repairs",
            "What do the articles say about Putin?|Putin"})
    void should_read_the_topic_of_an_overview_question(String question, String topic) {
        assertThat(Overview.topic(question)).contains(topic);
        assertThat(Overview.topic(Overview.question(topic))).contains(topic);
    }

    @ParameterizedTest
    @ValueSource(strings = {"What are these articles about?", "Summarize the news.", "What's in the news today?", "Summarize",
            "What is the latest?"})
    void should_read_a_question_about_the_whole_archive_as_an_empty_topic(String question) {
        assertThat(Overview.topic(question)).contains("");
        assertThat(Overview.topic(Overview.question(""))).contains("");
    }

    @ParameterizedTest
    @ValueSource(strings = {"What did Putin say about negotiations?", "Who won the 2018 World Cup?",
            "Which newspaper reported Putin's offer to mediate?", "When did the terminal open?", "Is the bridge open?"})
    void should_leave_other_questions_alone(String question) {
        assertThat(Overview.topic(question)).isEmpty();
    }
}
