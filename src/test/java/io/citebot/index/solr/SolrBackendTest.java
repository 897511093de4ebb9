package io.citebot.index.solr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.citebot.Backups;
import io.citebot.Citebot;
import io.citebot.IndexCopy;
import io.citebot.TestFiles;
import io.citebot.answer.Answer;
import io.citebot.answer.Citation;
import io.citebot.answer.Syndication;
import io.citebot.chat.ArticleService;
import io.citebot.chat.SearchOptions;
import io.citebot.config.Config;
import io.citebot.config.RetrievalMode;
import io.citebot.index.ArticleRef;
import io.citebot.index.Filters;
import io.citebot.index.Hit;
import io.citebot.index.IngestReport;
import io.citebot.index.StoredArticle;
import io.citebot.index.lucene.ArticleIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SolrCloud backend against a real 2-node cluster (scripts/solr-cluster): the seeds indexed in a collection of 2
 * shards x 2 replicas give the same searches, answers and citations as the embedded Lucene index; writes replace and
 * delete whole articles; metadata and term statistics match.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SolrBackendTest {

    static final List<String> QUESTIONS = List.of(
            "What did Putin offer?",
            "Which newspaper reported Putin's offer to mediate?",
            "What did Trump threaten to do to Iran if no deal was reached?",
            "Summarize the news about Russia and Iran.",
            "What are these articles about?",
            "What happened this week?",
            "Is Russia mediating between the U.S. and Iran?",
            "Who won the 1998 World Cup?",
            "How do I bake sourdough bread?");

    @TempDir
    static Path tmp;
    Citebot lucene;
    Citebot solr;

    static Config solrConfig(Path data, String collection, Map<String, String> more) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("CITEBOT_DATA_DIR", data.toString(), "CITEBOT_SEEDS_DIR", TestFiles.SEEDS.toString(),
                "CITEBOT_CONFIG", TestFiles.FIXTURES.resolve("empty.properties").toString(),
                "CITEBOT_INDEX_BACKEND", "solr", "CITEBOT_SOLR_URL", SolrTestCluster.urls(), "CITEBOT_SOLR_COLLECTION", collection,
                "CITEBOT_SOLR_USER", SolrTestCluster.USER, "CITEBOT_SOLR_PASSWORD", SolrTestCluster.PASSWORD));
        env.putAll(more);
        return Config.load(env);
    }

    @BeforeAll
    void index() throws Exception {
        lucene = TestFiles.seedsBot(tmp.resolve("lucene"));
        solr = Citebot.open(solrConfig(tmp.resolve("solr"), "same-" + System.nanoTime(), Map.of()), false, TestFiles.embedder());
        solr.syncSeeds();
    }

    @AfterAll
    void close() throws IOException {
        lucene.close();
        solr.close();
    }

    @Test
    void should_answer_the_seed_questions_as_the_lucene_index_does() {
        for (String q : QUESTIONS) {
            assertSameAnswer(q, lucene.chat().ask(q, null, SearchOptions.DEFAULT).answer(), solr.chat().ask(q, null, SearchOptions.DEFAULT).answer());
        }
        // the overview is answered from both articles on both backends
        assertThat(solr.chat().ask("Summarize the news about Russia and Iran.", null, SearchOptions.DEFAULT).answer().citations())
                .extracting(Citation::articleId).contains("000_48c6837d7efeb01b", "004_a9df3fd6e590312d");
    }

    @Test
    void should_rank_and_score_passages_as_the_lucene_index_does_in_every_mode_and_with_filters() {
        List<SearchOptions> options = List.of(SearchOptions.DEFAULT,
                new SearchOptions(null, new Filters(null, null, "www.telegraph.co.uk"), null),
                new SearchOptions(null, new Filters(LocalDate.of(2025, 4, 1), LocalDate.of(2025, 4, 30), null), null),
                new SearchOptions(null, new Filters(LocalDate.of(2025, 4, 1), null, null, true), null),
                new SearchOptions(null, new Filters(LocalDate.of(2020, 1, 1), LocalDate.of(2020, 12, 31), null), null));
        for (RetrievalMode mode : RetrievalMode.values()) {
            for (SearchOptions o : options) {
                SearchOptions withMode = new SearchOptions(mode, o.filters(), o.now());
                for (String q : List.of("Putin offer to mediate talks", "Iran nuclear program", "World Cup")) {
                    List<Hit> a = lucene.chat().search(q, 8, withMode);
                    List<Hit> b = solr.chat().search(q, 8, withMode);
                    String what = mode + " " + o.filters() + " " + q;
                    assertThat(b).as(what).hasSameSizeAs(a);
                    Map<String, Hit> byId = new HashMap<>();
                    b.forEach(h -> byId.put(h.passage().id(), h));
                    for (int i = 0; i < a.size(); i++) {
                        assertThat(b.get(i).score()).as(what).isCloseTo(a.get(i).score(), within(1e-4));
                        // equal scores may come in either order (Lucene breaks ties by doc id, Solr by shard too)
                        boolean tied = (i > 0 && Math.abs(a.get(i - 1).score() - a.get(i).score()) < 1e-4)
                                || (i + 1 < a.size() && Math.abs(a.get(i + 1).score() - a.get(i).score()) < 1e-4);
                        if (!tied) {
                            assertThat(b.get(i).passage().id()).as(what).isEqualTo(a.get(i).passage().id());
                        }
                        Hit same = byId.get(a.get(i).passage().id());
                        if (same != null) {
                            assertThat(same.article()).as(what).isEqualTo(a.get(i).article());
                            assertThat(same.passage()).as(what).isEqualTo(a.get(i).passage());
                        }
                    }
                }
            }
        }
    }

    @Test
    void should_hold_the_same_metadata_and_term_statistics() throws IOException {
        assertThat(solr.index().articles()).isEqualTo(lucene.index().articles());
        assertThat(solr.index().files()).isEqualTo(lucene.index().files());
        assertThat(solr.index().passageCount()).isEqualTo(lucene.index().passageCount()).isEqualTo(13);
        assertThat(solr.index().articleCount()).isEqualTo(2);
        assertThat(solr.index().newestDate()).isEqualTo(lucene.index().newestDate());
        // the article list, a page at a time, in the same id order
        assertThat(solr.index().articlesAfter(null, 1)).isEqualTo(lucene.index().articlesAfter(null, 1)).hasSize(1);
        String first = lucene.index().articlesAfter(null, 1).getFirst().id();
        assertThat(solr.index().articlesAfter(first, 10)).isEqualTo(lucene.index().articlesAfter(first, 10)).hasSize(1);
        assertThat(solr.index().articlesAfter(null, 10)).extracting(StoredArticle::id)
                .containsExactlyElementsOf(lucene.index().articles().keySet().stream().sorted().toList());
        List<String> terms = List.of("putin", "iran", "mediat", "telegraph", "zzzunknown");
        Map<String, Double> a = lucene.index().idf(terms);
        Map<String, Double> b = solr.index().idf(terms);
        terms.forEach(t -> assertThat(b.get(t)).as(t).isCloseTo(a.get(t), within(1e-9)));
        Map<String, float[]> va = lucene.index().vectorsOf("004_a9df3fd6e590312d");
        Map<String, float[]> vb = solr.index().vectorsOf("004_a9df3fd6e590312d");
        assertThat(vb.keySet()).isEqualTo(va.keySet());
        va.forEach((hash, v) -> assertThat(vb.get(hash)).containsExactly(v, within(1e-6f)));
    }

    @Test
    void should_replace_and_delete_whole_articles() throws Exception {
        try (Citebot bot = Citebot.open(solrConfig(tmp.resolve("writes"), "writes-" + System.nanoTime(), Map.of()), false, TestFiles.embedder())) {
            ArticleService articles = bot.articles();
            String longText = String.join(" ", Collections.nCopies(40,
                    "The harbour's oldest tugboat, the Valkyrie, was retired on Friday after 61 years of service in the port."));
            articles.put(List.of(new ArticleService.Submitted("tug-1", "Valkyrie retired", longText, "2026-11-21", "Harbor Daily",
                    "https://harbordaily.example/tug-1")));
            int before = bot.index().passageCount();
            assertThat(before).isGreaterThan(1);
            assertThat(bot.chat().ask("When was the Valkyrie tugboat retired?", null, SearchOptions.DEFAULT).answer().citations())
                    .extracting(Citation::articleId).contains("tug-1");

            // replaced by a one-passage article: none of the old passages is left
            articles.put(List.of(new ArticleService.Submitted("tug-1", "Valkyrie becomes a museum",
                    "The retired tugboat Valkyrie will become a museum ship at the east quay.", "2026-11-22", "Harbor Daily", null)));
            assertThat(bot.index().passageCount()).isEqualTo(1);
            assertThat(bot.index().articles().get("tug-1").title()).isEqualTo("Valkyrie becomes a museum");
            assertThat(bot.chat().search("Valkyrie", 8, SearchOptions.DEFAULT)).extracting(h -> h.passage().id()).containsExactly("tug-1#0");

            // deleted: gone from searches, lists and counts
            assertThat(articles.delete("tug-1")).isTrue();
            assertThat(bot.index().passageCount()).isZero();

            // ids as long as the API allows, on every passage fetched by id: the requests still fit
            String longId = "harbour-" + "x".repeat(190);
            StringBuilder many = new StringBuilder();
            for (int i = 0; i < 80; i++) {
                many.append("Paragraph ").append(i).append(": the harbour master counted ").append(i * 7)
                        .append(" fishing boats, tugboats and ferries at the east quay on the day of the regatta. ");
            }
            articles.put(List.of(new ArticleService.Submitted(longId, "Regatta day at the harbour", many.toString(), "2026-11-22", "Harbor Daily", null)));
            assertThat(bot.index().passageCount()).isGreaterThanOrEqualTo(10);
            assertThat(bot.chat().search("tugboats and ferries at the east quay", 50, SearchOptions.DEFAULT))
                    .isNotEmpty().allMatch(h -> h.article().id().equals(longId));
            assertThat(articles.delete(longId)).isTrue();
            assertThat(bot.index().articles()).isEmpty();
            assertThat(bot.chat().search("Valkyrie", 8, SearchOptions.DEFAULT)).isEmpty();

            // a report printed by three outlets: its copies are found in the collection by their sketches, beyond the
            // two passages searched, and the earliest (under another headline) is the one result
            String wire = "The harbor authority approved a 40 million dollar plan on Tuesday to rebuild the north pier of the old"
                    + " port, adding a fuel dock and a ferry terminal, the authority's chairwoman Ingrid Solberg said.";
            articles.put(List.of(new ArticleService.Submitted("pier-b", "North pier to be rebuilt", wire, "2026-03-05", "Coast Times", null),
                    new ArticleService.Submitted("pier-c", "North pier to be rebuilt", wire, "2026-03-06", "Bay Courier", null),
                    new ArticleService.Submitted("pier-d", "North pier to be rebuilt", wire, "2026-03-06", "Fjord Post", null),
                    new ArticleService.Submitted("pier-w", "Port board backs plan", "BERGEN (Nordic Wire) - " + wire, "2026-03-04", "Nordic Wire", null)));
            Syndication.Collapsed story = bot.chat().searchStories("north pier rebuilt", 1, SearchOptions.DEFAULT);
            assertThat(story.kept()).extracting(h -> h.article().id()).containsExactly("pier-w");
            assertThat(story.copies().get(story.kept().getFirst().passage().id())).extracting(ArticleRef::id)
                    .containsExactlyInAnyOrder("pier-b", "pier-c", "pier-d");
        }
    }

    @Test
    void should_copy_a_lucene_index_into_solr_without_embedding_again() throws Exception {
        Config config = solrConfig(tmp.resolve("copy"), "copy-" + System.nanoTime(), Map.of());
        try (Citebot copy = Citebot.open(config, false, TestFiles.embedder())) {
            IndexCopy.Result r = IndexCopy.copy((ArticleIndex) lucene.index(), copy.index(), n -> { });
            assertThat(r.articles()).isEqualTo(2);
            assertThat(r.passages()).isEqualTo(13);
            assertThat(copy.index().articles()).isEqualTo(lucene.index().articles());
            assertThat(copy.index().files()).isEqualTo(lucene.index().files());
            for (String q : QUESTIONS) {
                assertSameAnswer(q, lucene.chat().ask(q, null, SearchOptions.DEFAULT).answer(), copy.chat().ask(q, null, SearchOptions.DEFAULT).answer());
            }
            // the folder sync on the cluster sees the copied files as unchanged: nothing is parsed or embedded again
            IngestReport sync = copy.syncSeeds();
            assertThat(sync.passagesWritten()).isZero();
            assertThat(sync.passagesEmbedded()).isZero();
        }
    }

    @Test
    void should_say_clearly_when_no_solr_node_answers() {
        assertThatThrownBy(() -> Citebot.open(solrConfig(tmp.resolve("down"), "x", Map.of("CITEBOT_SOLR_URL", "http://127.0.0.1:9/solr")),
                false, TestFiles.embedder()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no Solr node answers at http://127.0.0.1:9/solr")
                .hasMessageContaining("CITEBOT_SOLR_URL");
    }

    @Test
    void should_send_its_credentials_and_say_clearly_when_solr_refuses_them() throws Exception {
        // the test cluster asks every request for a user (BasicAuthPlugin, blockUnknown): every other test here passes
        Config without = solrConfig(tmp.resolve("nouser"), "x", Map.of("CITEBOT_SOLR_USER", "", "CITEBOT_SOLR_PASSWORD", ""));
        assertThatThrownBy(() -> Citebot.open(without, false, TestFiles.embedder()))
                .isInstanceOf(IOException.class).hasMessageContaining("refused citebot (401)")
                .hasMessageContaining("set CITEBOT_SOLR_USER and CITEBOT_SOLR_PASSWORD");
        assertThatThrownBy(() -> Citebot.open(solrConfig(tmp.resolve("badpass"), "x", Map.of("CITEBOT_SOLR_PASSWORD", "wrong")),
                false, TestFiles.embedder()))
                .isInstanceOf(IOException.class).hasMessageContaining("refused citebot (401)")
                .hasMessageContaining("check CITEBOT_SOLR_USER and CITEBOT_SOLR_PASSWORD");
        // a user without a password (or the reverse) is a configuration error, named before anything is sent
        assertThatThrownBy(() -> solrConfig(tmp.resolve("half"), "x", Map.of("CITEBOT_SOLR_PASSWORD", "")))
                .hasMessageContaining("CITEBOT_SOLR_USER is set but CITEBOT_SOLR_PASSWORD is not");
        assertThat(solrConfig(tmp.resolve("shown"), "x", Map.of()).index().toString())
                .doesNotContain(SolrTestCluster.PASSWORD).contains("solrPassword=(set)");
    }

    @Test
    void should_refuse_a_local_backup_of_a_solr_index() {
        assertThatThrownBy(() -> Backups.backup(solr, tmp.resolve("backup")))
                .hasMessageContaining("Solr's collection BACKUP");
    }

    static void assertSameAnswer(String q, Answer a, Answer b) {
        assertThat(b.text()).as(q).isEqualTo(a.text());
        assertThat(b.refused()).as(q).isEqualTo(a.refused());
        assertThat(b.citations()).as(q).isEqualTo(a.citations());
        assertThat(b.related()).as(q).isEqualTo(a.related());
        assertThat(b.confidence()).as(q).isCloseTo(a.confidence(), within(1e-4));
    }

}
