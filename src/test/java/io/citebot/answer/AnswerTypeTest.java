package io.citebot.answer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnswerTypeTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "When did the talks start?|DATE",
            "In what year was the bridge built?|DATE",
            "How many arches were replaced?|NUMBER",
            "What percentage of voters backed the plan?|NUMBER",
            "Who painted the Mona Lisa?|NAME",
            "Which country was recommended for EU candidacy alongside Ukraine this week?|NAME",
            "What country announced a crackdown on rainbow-colored toys?|NAME",
            "Which major US retailer announced it is slashing prices on clothing?|NAME",
            "Rafael Nadal withdrew from Wimbledon, paving the way for who to advance to the final?|NAME",
            "Which menu item did KFC roll out this week?|OTHER",
            "What is the boiling point of water?|OTHER",
            "What happened when the bridge closed?|OTHER",
            // the scene is set first; the last sentence asks
            "A Russian court ruled that Brittney Griner stays detained. How many months was her detention extended?|NUMBER",
            "Beyoncé's album was released in July. What year was her previous solo project released?|DATE"})
    void should_tell_what_a_question_asks_for_from_its_asking_sentence(String question, AnswerType expected) {
        assertThat(AnswerType.of(question)).isEqualTo(expected);
    }

    @Test
    void should_count_only_what_the_question_does_not_already_say() {
        String question = "Which country joined Ukraine as a candidate?";
        assertThat(AnswerType.NAME.matches("The EU also granted candidate status to Moldova.", question)).isTrue();
        assertThat(AnswerType.NAME.matches("It said that Ukraine would be a candidate.", question)).isFalse();
    }
}
