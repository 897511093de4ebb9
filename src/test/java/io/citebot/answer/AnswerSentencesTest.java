package io.citebot.answer;

import io.citebot.index.TextAnalysis;
import io.citebot.index.lucene.EnglishAnalysis;
import java.util.HashSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import static org.assertj.core.api.Assertions.assertThat;

class AnswerSentencesTest {

    private static final TextAnalysis analysis = new EnglishAnalysis();
    private static final String QUESTION = "What did the Kremlin say about the talks with Iran?";

    private static boolean usable(String sentence) {
        return AnswerSentences.usable(sentence, new HashSet<>(analysis.terms(sentence)), new HashSet<>(analysis.queryTerms(QUESTION)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"What does “PSL” stand for?", "Will the talks with Iran resume before the summer?",
            "Why did the Kremlin offer to mediate?”", "In pictures: The Kremlin hosts talks with Iran",
            "Photo: Reuters", "Pictured: Dmitry Peskov at the Kremlin", "By Anna Smith and John Doe, CNN",
            "Kremlin talks with Iran", "Updated: 04-04-2025 16:01 IST", "Iran and the Kremlin: the talks.",
            "Iranian officials at the talks in Moscow. (Photo: Getty Images)",
            "MORE: Kremlin says talks with Iran in Moscow will resume in the spring after a pause",
            "►Kremlin watch: news of the talks with Iran, delivered right to your inbox."})
    void should_never_answer_with_a_question_a_caption_a_byline_a_newsletter_prompt_a_fragment_or_the_question_itself(String sentence) {
        assertThat(usable(sentence)).isFalse();
    }

    @Test
    void should_not_answer_with_a_sentence_that_adds_only_words_a_question_leaves_out_of_its_search() {
        // "has" and "most" are stopwords of a question's search terms, but they are in what the question says
        String question = "The most infectious variant yet has arrived. What is it called?";
        String restated = "The most infectious variant yet has arrived.";
        var sentenceTerms = new HashSet<>(analysis.terms(restated));
        var said = new HashSet<>(analysis.terms(question));
        said.addAll(analysis.queryTerms(question));

        assertThat(AnswerSentences.usable(restated, sentenceTerms, new HashSet<>(analysis.queryTerms(question)))).isTrue();
        assertThat(AnswerSentences.usable(restated, sentenceTerms, said)).isFalse();
        assertThat(AnswerSentences.usable("The most infectious variant yet, BA.5, has arrived.",
                new HashSet<>(analysis.terms("The most infectious variant yet, BA.5, has arrived.")), said)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"The Kremlin said talks with Iran would resume in Moscow on Tuesday.",
            "“We believe the United States and Iran should resolve all problems through negotiations,” Peskov said.",
            "Peskov told reporters that Russia was ready to host the next round of talks with Iran in Moscow",
            "The Kremlin announced in its weekly newsletter that the talks with Iran would move to Moscow."})
    void should_answer_with_statements(String sentence) {
        assertThat(usable(sentence)).isTrue();
    }
}
