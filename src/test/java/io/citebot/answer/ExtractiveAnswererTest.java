package io.citebot.answer;

import io.citebot.TestFiles;
import io.citebot.index.ArticleRef;
import io.citebot.index.Hit;
import io.citebot.index.Ingester;
import io.citebot.index.SearchRequest;
import io.citebot.index.TextAnalysis;
import io.citebot.index.lucene.ArticleIndex;
import io.citebot.index.lucene.EnglishAnalysis;
import io.citebot.index.lucene.LuceneBackend;
import io.citebot.ingest.ArticleParser;
import io.citebot.ingest.Chunker;
import io.citebot.ingest.Passage;
import io.citebot.retrieval.Bm25Retriever;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import static org.assertj.core.api.Assertions.assertThat;

class ExtractiveAnswererTest {

    @TempDir
    static Path tmp;

    static ArticleIndex index;
    static Bm25Retriever retriever;
    static ExtractiveAnswerer answerer;

    @BeforeAll
    static void indexSeeds() throws Exception {
        index = ArticleIndex.open(tmp.resolve("index"), new EnglishAnalysis());
        new Ingester(index, new ArticleParser(), Chunker.defaults(), TestFiles.embedder()).ingest(TestFiles.SEEDS);
        retriever = new Bm25Retriever(new LuceneBackend(index));
        answerer = new ExtractiveAnswerer(index.analysis(), index::idf, 3, 0.6);
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
    }

    private static Answer ask(String question) {
        return answerer.answer(question, retriever.retrieve(new SearchRequest(question, 8)));
    }

    @Test
    void should_answer_from_the_right_article_with_valid_citations() {
        // when
        Answer a = ask("What did Dmitry Peskov say about negotiations?");

        // then
        assertThat(a.refused()).isFalse();
        assertThat(a.text()).contains("Peskov").contains("negotiations").contains("[1]");
        assertThat(a.citations()).isNotEmpty();
        assertThat(a.citations().getFirst().passageId()).isEqualTo(TestFiles.SEED_PUTIN + "#4");
        assertThat(a.citations().getFirst().text()).contains("Russia believes that the United States and Iran should resolve all problems through negotiations");
        for (Citation c : a.citations()) {
            // each cited sentence really is in the cited passage
            assertThat(Answer.markers(a.text())).contains(c.n());
            assertThat(c.articleId()).isIn(TestFiles.SEED_PUTIN, TestFiles.SEED_RUSSIA);
            assertThat(c.title()).isNotBlank();
        }
    }

    @Test
    void should_quote_only_sentences_that_stand_in_the_cited_passages() {
        // when
        Answer a = ask("Why has Iran's regional power eroded?");

        // then
        assertThat(a.refused()).isFalse();
        String[] sentences = a.text().split("(?<=\\.) (?=\\p{Lu})");
        for (String s : sentences) {
            int n = Integer.parseInt(s.replaceAll("(?s).*\\[(\\d+)].*", "$1"));
            String cited = a.citations().stream().filter(c -> c.n() == n).findFirst().orElseThrow().text();
            assertThat(cited).contains(s.replaceAll(" \\[\\d+]", "").replaceAll("\\.$", ""));
        }
        assertThat(a.text()).contains("Hezbollah");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Who won the 2018 World Cup?", "What is the boiling point of water?", "Which team won the Super Bowl?",
            "How do I bake sourdough bread?"})
    void should_refuse_questions_the_articles_do_not_cover(String question) {
        // when
        Answer a = ask(question);

        // then
        assertThat(a.refused()).isTrue();
        assertThat(a.citations()).isEmpty();
        assertThat(a.text()).contains("do not cover");
    }

    @Test
    void should_refuse_a_question_of_only_stopwords_or_with_no_hits() {
        assertThat(ask("what is it?").refused()).isTrue();
        assertThat(answerer.answer("Peskov", List.of()).refused()).isTrue();
    }

    @Test
    void should_use_at_most_the_configured_number_of_sentences() {
        // given
        var one = new ExtractiveAnswerer(index.analysis(), index::idf, 1, 0.6);
        String q = "What did Russia say about Iran's nuclear program and negotiations?";

        // when
        Answer a = one.answer(q, retriever.retrieve(new SearchRequest(q, 8)));

        // then
        assertThat(a.text().split("\\[\\d+]")).hasSizeLessThanOrEqualTo(2);
        assertThat(a.citations()).hasSize(1);
    }

    // --- composition, with hand-made passages and uniform term weights ---

    private static Hit hit(String articleId, int ordinal, String text, double score) {
        return new Hit(new Passage(articleId + "#" + ordinal, articleId, ordinal, text, ordinal * 1000, ordinal * 1000 + text.length()),
                new ArticleRef(articleId, "Title of " + articleId, null, null, null), score);
    }

    private static ExtractiveAnswerer uniform(int sentences) {
        TextAnalysis analysis = new EnglishAnalysis();
        return new ExtractiveAnswerer(analysis, terms -> {
            Map<String, Double> w = new HashMap<>();
            terms.forEach(t -> w.put(t, 1.0));
            return w;
        }, sentences, 0.3);
    }

    @Test
    void should_lead_with_the_answer_then_keep_reading_order_within_an_article() {
        // given
        List<Hit> hits = List.of(
                hit("b", 2, "The mayor opened the bridge on Monday. Nobody came.", 9),
                hit("a", 0, "The bridge cost ten million euros. The mayor was pleased with the bridge.", 8),
                hit("b", 0, "Work on the bridge began in May. The mayor chose the design.", 7));

        // when
        Answer a = uniform(3).answer("When did the mayor open the bridge?", hits);

        // then
        assertThat(a.refused()).isFalse();
        assertThat(a.citations()).extracting(Citation::n).containsExactly(1, 2, 3).hasSameSizeAs(Answer.markers(a.text()));
        // a "when" question leads with the sentence that answers it (b#2, "on Monday"); then article b (it has
        // the best sentence) in document order, then article a
        assertThat(a.citations()).extracting(Citation::passageId).containsExactly("b#2", "b#0", "a#0");
        assertThat(a.text()).isEqualTo("The mayor opened the bridge on Monday [1]. Work on the bridge began in May [2]."
                + " The mayor was pleased with the bridge [3].");
    }

    @Test
    void should_not_repeat_a_sentence_found_in_two_passages() {
        List<Hit> hits = List.of(hit("a", 0, "The ferry strike ended after a wage deal.", 5),
                hit("b", 0, "The ferry strike ended after a wage deal.", 4));
        Answer a = uniform(3).answer("How did the ferry strike end?", hits);
        assertThat(a.citations()).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "It rose.                  | It rose [1].",
            "He said “we will go.”     | He said “we will go.” [1]",
            "Is it over?               | Is it over [1]?",
            "See footnote [3] here.    | See footnote here [1]."})
    void should_place_the_marker_before_the_final_stop(String sentence, String expected) {
        assertThat(Composition.withMarker(sentence, 1)).isEqualTo(expected);
    }

    private static Hit near(String articleId, String title, String text, double similarity) {
        return new Hit(new Passage(articleId + "#0", articleId, 0, text, 0, text.length()),
                new ArticleRef(articleId, title, LocalDate.of(2025, 4, 4), "Coastline Daily", null), similarity, similarity);
    }

    @Test
    void should_refuse_weak_evidence_but_name_the_closest_articles() {
        // given: passages near the question in meaning (cosine 0.66 to 0.72) that do not hold its words
        List<Hit> hits = List.of(near("a", "Port of Halden opens new cargo terminal", "The harbour doubled its capacity.", 0.72),
                near("a", "Port of Halden opens new cargo terminal", "Ships of 300 metres can now dock.", 0.7),
                near("b", "Ferry strike ends", "The ferries run again.", 0.66),
                near("c", "Weather", "Rain is expected.", 0.2));

        // when
        Answer a = new ExtractiveAnswerer(new EnglishAnalysis(), t -> { Map<String, Double> w = new HashMap<>(); t.forEach(x -> w.put(x, 1.0)); return w; },
                3, 0.9).answer("Which shipping lines signed contracts with the new terminal?", hits);

        // then
        assertThat(a.refused()).isTrue();
        assertThat(a.citations()).isEmpty();
        assertThat(a.related()).extracting(Citation::articleId).containsExactly("a", "b");
        assertThat(a.text()).isEqualTo("The articles I have do not cover this question directly. Closest: [1] Port of Halden opens new"
                + " cargo terminal (Coastline Daily, 2025-04-04); [2] Ferry strike ends (Coastline Daily, 2025-04-04).");
    }

    @Test
    void should_refuse_plainly_when_nothing_is_near_the_question() {
        List<Hit> hits = List.of(near("c", "Weather", "Rain is expected.", 0.2));
        Answer a = uniform(3).answer("Who won the 2018 World Cup?", hits);
        assertThat(a.refused()).isTrue();
        assertThat(a.related()).isEmpty();
        assertThat(a.text()).isEqualTo(ExtractiveAnswerer.REFUSAL);
    }
}
