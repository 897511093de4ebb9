package io.citebot.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EntityCarryingRewriterTest {

    private final QueryRewriter rewriter = new EntityCarryingRewriter();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // previous searched question            | follow-up                            | searched for
            "What did Putin offer?                    | How did Iran respond to his offer?   | How did Iran respond to his offer? (Putin)",
            "What did Dmitry Peskov say about Iran?   | What else did he say?                | What else did he say? (Dmitry Peskov, Iran)",
            "What did Dmitry Peskov say about Iran?   | Why does Iran distrust Washington?   | Why does Iran distrust Washington?",
            "Who runs the Port of Halden?             | When did it open?                    | When did it open? (Port of Halden)",
            "what happened?                           | What did they say?                   | What did they say?"})
    void should_carry_the_names_of_the_previous_question_into_a_follow_up(String previous, String question, String expected) {
        List<Turn> history = List.of(new Turn(previous, previous, "some answer"));
        assertThat(rewriter.rewrite(question, history)).isEqualTo(expected);
    }

    @Test
    void should_carry_whose_offer_the_previous_answer_says_it_was() {
        List<Turn> history = List.of(new Turn("What did Peskov say about negotiations?", "What did Peskov say about negotiations?",
                "Kremlin spokesman Dmitry Peskov called for a focus on diplomacy [1]. Vladimir Putin has extended an offer to"
                        + " facilitate direct talks between Donald Trump and Iran [2]."));
        assertThat(rewriter.rewrite("How did Iran react to his offer?", history)).isEqualTo("How did Iran react to his offer? (Vladimir Putin)");
        // the answer does not say whose: the previous question's names, as before
        assertThat(rewriter.rewrite("What did his ministry add?", history)).isEqualTo("What did his ministry add? (Peskov)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"How did Iran respond to his offer?"})
    void should_leave_a_first_question_alone(String question) {
        assertThat(rewriter.rewrite(question, List.of())).isEqualTo(question);
    }
}
