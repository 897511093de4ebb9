package io.citebot.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.citebot.TestFiles;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChunkerTest {

    @Test
    void should_cover_the_text_with_whole_sentences_and_exact_offsets() {
        // given
        Article a = new ArticleParser().parse(TestFiles.SEED_PUTIN + ".txt",
                TestFiles.bytes(TestFiles.SEEDS.resolve(TestFiles.SEED_PUTIN + ".txt"))).articles().getFirst();

        // when
        List<Passage> passages = Chunker.defaults().chunk(a);

        // then
        assertThat(passages).hasSizeGreaterThan(4);
        for (int i = 0; i < passages.size(); i++) {
            Passage p = passages.get(i);
            assertThat(p.id()).isEqualTo(TestFiles.SEED_PUTIN + "#" + i);
            assertThat(p.ordinal()).isEqualTo(i);
            assertThat(a.text().substring(p.start(), p.end())).isEqualTo(p.text());
            assertThat(p.text()).matches("(?s)^\\p{Lu}.*[.!?”\"]$");
            if (i > 0) {
                assertThat(p.start()).isGreaterThan(passages.get(i - 1).end());
            }
        }
        // every sentence of the article is in exactly one passage
        String joined = String.join(" ", passages.stream().map(Passage::text).toList());
        assertThat(joined.replaceAll("\\s+", " ")).isEqualTo(a.text().replaceAll("\\s+", " "));
    }

    @Test
    void should_keep_one_long_sentence_whole() {
        // given
        String sentence = "This sentence goes on and on, " + "and on and on, ".repeat(60) + "until it stops.";
        Article a = new Article("long", "Long", sentence + " Short one.", null, null, null);

        // when
        List<Passage> passages = new Chunker(100, 20).chunk(a);

        // then
        assertThat(passages).extracting(Passage::text).containsExactly(sentence + " Short one.");
    }

    @Test
    void should_never_join_paragraphs() {
        Article a = new Article("p", "P", "First paragraph. It is short.\n\nSecond paragraph here.", null, null, null);
        assertThat(new Chunker(400, 0).chunk(a)).extracting(Passage::text)
                .containsExactly("First paragraph. It is short.", "Second paragraph here.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Threats by U.S. President Donald Trump grew. Iran answered.    | 2",
            "Mr. Smith met Dr. Jones in St. Louis. They talked.              | 2",
            "It rose 4.5 per cent. Then it fell.                             | 2",
            "He said “We will go.” Then he left.                             | 2",
            "Reports AP. Markets fell.                                       | 2"})
    void should_split_sentences_but_not_at_abbreviations(String text, int sentences) {
        assertThat(Sentences.split(text.strip())).hasSize(sentences);
    }
}
