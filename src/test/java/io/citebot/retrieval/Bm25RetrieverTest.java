package io.citebot.retrieval;

import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.query.Query;
import io.citebot.TestFiles;
import io.citebot.index.Hit;
import io.citebot.index.SearchRequest;
import io.citebot.index.lucene.ArticleIndex;
import io.citebot.index.lucene.EnglishAnalysis;
import io.citebot.index.lucene.LuceneBackend;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import static org.assertj.core.api.Assertions.assertThat;

class Bm25RetrieverTest {

    @TempDir
    static Path tmp;

    static ArticleIndex index;
    static Retriever retriever;

    @BeforeAll
    static void indexSeedsAndFixtures() throws Exception {
        index = ArticleIndex.open(tmp.resolve("index"), new EnglishAnalysis());
        TestFiles.indexSeedsAndFixtures(index);
        retriever = new Bm25Retriever(new LuceneBackend(index));
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "What did Dmitry Peskov say about negotiations?         | 004_a9df3fd6e590312d#4",
            "Which court ruled on the dredging of the fjord?        | harbor-news#3",
            "How many kilometres of bike lanes will the city build? | council-vote#0",
            "Why are ships loaded lighter on the St. Lawrence?      | wire-brief#1",
            "Which arches of the Tamar bridge were replaced?        | bridge-1#0"})
    void should_rank_the_passage_that_answers_first(String question, String passageId) {
        // when
        List<Hit> hits = retriever.retrieve(new SearchRequest(question, 5));

        // then
        assertThat(hits).isNotEmpty();
        assertThat(hits.getFirst().passage().id()).isEqualTo(passageId);
        assertThat(hits).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
    }

    @Test
    void should_carry_article_metadata_on_every_hit() {
        Hit hit = retriever.retrieve(new SearchRequest("Kremlin spokesman Peskov diplomacy mediator", 1)).getFirst();
        assertThat(hit.article().id()).isEqualTo(TestFiles.SEED_RUSSIA);
        assertThat(hit.article().title()).startsWith("Diplomatic Balancing Act");
        assertThat(hit.article().source()).isEqualTo("Devdiscourse News Desk");
        assertThat(hit.article().date()).hasToString("2025-04-04");
    }

    @Test
    void should_find_nothing_for_words_that_are_not_in_any_article_or_for_query_syntax() {
        assertThat(retriever.retrieve(new SearchRequest("zyxxy quux", 5))).isEmpty();
        assertThat(retriever.retrieve(new SearchRequest("what? how? AND OR \"(*", 5))).isEmpty();
    }

    @Test
    void should_serve_passages_to_langchain4j_as_content_with_provenance() {
        // given
        var contentRetriever = new PassageContentRetriever(retriever, 3);

        // when
        List<Content> contents = contentRetriever.retrieve(Query.from("Putin offer to mediate talks with Iran"));

        // then
        assertThat(contents).hasSize(3);
        var segment = contents.getFirst().textSegment();
        assertThat(segment.metadata().getString("articleId")).isEqualTo(TestFiles.SEED_PUTIN);
        assertThat(segment.metadata().getString("passageId")).startsWith(TestFiles.SEED_PUTIN + "#");
        assertThat(segment.text()).contains("Putin");
    }
}
