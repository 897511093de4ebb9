package io.citebot.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeExpressionsTest {

    private static final LocalDate NOW = LocalDate.of(2025, 4, 4);

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // question                                         | from       | to         | recent | remainder
            "What did Peskov say in April 2025?                 | 2025-04-01 | 2025-04-30 | false  | What did Peskov say in April 2025?",
            "What happened on 4 April 2025 in Moscow?           | 2025-04-04 | 2025-04-04 | false  | What happened on 4 April 2025 in Moscow?",
            "What happened on April 4, 2025?                    | 2025-04-04 | 2025-04-04 | false  | What happened on April 4, 2025?",
            "Which bridges reopened in 2021?                    | 2021-01-01 | 2021-12-31 | false  | Which bridges reopened in 2021?",
            "What has the council done since 2023?              | 2023-01-01 | -          | false  | What has the council done since 2023?",
            "Port news before 2024                              | -          | 2023-12-31 | false  | Port news before 2024",
            "What did the Kremlin say last week?                | 2025-03-28 | 2025-04-04 | false  | What did the Kremlin say?",
            "Who spoke yesterday?                               | 2025-04-03 | 2025-04-03 | false  | Who spoke?",
            "Iran news from the past 3 months                   | 2025-01-04 | 2025-04-04 | false  | Iran news",
            "What happened last year?                           | 2024-01-01 | 2024-12-31 | false  | What happened?",
            "What is the latest on Iran?                        | -          | -          | true   | What is on Iran?",
            "What did Peskov say about negotiations?            | -          | -          | false  | What did Peskov say about negotiations?"})
    void should_read_the_time_a_question_names(String question, LocalDate from, LocalDate to, boolean recent, String remainder) {
        TimeExpressions.Scope scope = TimeExpressions.parse(question.strip(), () -> NOW);
        assertThat(scope.from()).isEqualTo(from);
        assertThat(scope.to()).isEqualTo(to);
        assertThat(scope.recent()).isEqualTo(recent);
        assertThat(scope.remainder()).isEqualTo(remainder.strip());
    }
}
