package io.citebot.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerTest {

    private static Citation citation(int n) {
        return new Citation(n, "a", "Title", null, null, null, "a#0", "text");
    }

    @Test
    void should_accept_an_answer_whose_markers_and_citations_match() {
        Answer a = new Answer("One [1]. Two [2].", false, List.of(citation(1), citation(2)), 0.9);
        assertThat(a.citations()).hasSize(2);
    }

    @Test
    void should_reject_a_marker_without_citation_and_a_citation_without_marker() {
        assertThatThrownBy(() -> new Answer("One [1]. Two [2].", false, List.of(citation(1)), 1))
                .hasMessageContaining("do not match");
        assertThatThrownBy(() -> new Answer("One [1].", false, List.of(citation(1), citation(2)), 1))
                .hasMessageContaining("do not match");
    }

    @Test
    void should_reject_a_refusal_with_citations() {
        assertThatThrownBy(() -> new Answer("No [1].", true, List.of(citation(1)), 0)).hasMessageContaining("refusal");
    }

    @Test
    void should_let_a_refusal_point_at_related_articles_but_never_an_answer() {
        Answer soft = Answer.refusal("Not directly. Closest: [1] A; [2] B.", 0.4, List.of(citation(1), citation(2)));
        assertThat(soft.citations()).isEmpty();
        assertThat(soft.related()).hasSize(2);
        assertThatThrownBy(() -> Answer.refusal("Closest: [1] A.", 0.4, List.of(citation(1), citation(2))))
                .hasMessageContaining("do not match");
        assertThatThrownBy(() -> new Answer("Yes [1].", false, List.of(citation(1)), 1, List.of(), null, List.of(citation(1))))
                .hasMessageContaining("only a refusal");
    }
}
