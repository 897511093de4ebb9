package io.citebot.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"How did Iran respond to his offer?"})
    void should_leave_a_first_question_alone(String question) {
        assertThat(rewriter.rewrite(question, List.of())).isEqualTo(question);
    }
}
