package io.citebot.answer;

import io.citebot.index.TextAnalysis;
import io.citebot.index.lucene.EnglishAnalysis;
import java.util.HashSet;
import java.util.Random;
import java.util.regex.Pattern;
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

    @Test
    void should_tell_a_question_and_a_full_stop_as_the_regular_expressions_they_replaced_did() {
        // the expressions these hand-written checks replaced (they scanned every sentence from each of its characters)
        Pattern question = Pattern.compile("\\?[\"”’')\\]]*$");
        Pattern complete = Pattern.compile("[.!…][\"”’')\\]]*$|[\"”’]$");
        String alphabet = "a ?.!…\"”’')](\u0085\n\u2028x“";
        Random random = new Random(7);
        int questions = 0;
        int completes = 0;
        for (int i = 0; i < 300_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(9); n > 0; n--) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = b.toString().strip(); // as usable() checks them
            assertThat(AnswerSentences.question(s)).as("question: [%s]", s).isEqualTo(question.matcher(s).find());
            assertThat(AnswerSentences.complete(s)).as("complete: [%s]", s).isEqualTo(complete.matcher(s).find());
            questions += AnswerSentences.question(s) ? 1 : 0;
            completes += AnswerSentences.complete(s) ? 1 : 0;
        }
        assertThat(questions).as("questions among them").isGreaterThan(10_000);
        assertThat(completes).as("full sentences among them").isGreaterThan(10_000);
    }

    @Test
    void should_tell_captions_credits_and_bylines_as_the_expression_alone_did() {
        // chrome() scans only the sentences that have what one of the expression's forms needs
        Pattern chrome = AnswerSentences.CHROME;
        String[] pieces = {"by ", "BY ", "Photo", "photos", "Pictured", "in pictures", "Updated", ":", " : ", "|", "-", " - ", "(",
                ")", "getty images", "Getty Images", "GETTY", "inbox", "delivered to your inbox", "sent straight to your INBOX",
                "AP", "reuters", "CNN", "Anna", "Smith", "O'Neil", ",", " and", " ", "the talks", ".", "x", "\u0085", "credit"};
        Random random = new Random(11);
        int chromes = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(7); n > 0; n--) {
                b.append(pieces[random.nextInt(pieces.length)]);
            }
            String s = b.toString().strip();
            assertThat(AnswerSentences.chrome(s)).as("[%s]", s).isEqualTo(chrome.matcher(s).find());
            chromes += AnswerSentences.chrome(s) ? 1 : 0;
        }
        assertThat(chromes).as("chrome among them").isGreaterThan(20_000);
    }
}
