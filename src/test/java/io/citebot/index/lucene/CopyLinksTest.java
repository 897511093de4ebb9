package io.citebot.index.lucene;

import io.citebot.TestFiles;
import io.citebot.index.Filters;
import io.citebot.index.Hit;
import io.citebot.index.Ingester;
import io.citebot.ingest.Article;
import io.citebot.ingest.ArticleParser;
import io.citebot.ingest.Chunker;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A question's copies of its passages: the older ones a passage names come with its hit when it is read from the index
 * ({@link Hit#olderCopies()}), so {@link CopyLinks#of} looks up only the newer ones naming it, and finds the same
 * copies as when it looks both up. Over a real index: one wire report printed by three outlets on three days.
 */
class CopyLinksTest {

    @TempDir
    static Path tmp;

    static ArticleIndex index;

    static final String WIRE = "The harbor authority approved a 40 million dollar plan on Tuesday to rebuild the north pier of the"
            + " old port, adding a fuel dock and a ferry terminal, the authority's chairwoman Ingrid Solberg said."
            + " Work on the north pier is to begin in May and last two years.";

    @BeforeAll
    static void indexCopies() throws Exception {
        index = ArticleIndex.open(tmp.resolve("index"), new EnglishAnalysis());
        Ingester ingester = new Ingester(index, new ArticleParser(), Chunker.defaults(), TestFiles.embedder());
        ingester.ingest(TestFiles.SEEDS);
        // one at a time, each written after the ones it copies were committed, as a feed brings them
        ingester.put(List.of(new Article("pier-a", "North pier to be rebuilt", WIRE, LocalDate.of(2025, 3, 4), "Harbor Daily", null)), "api");
        ingester.put(List.of(new Article("pier-b", "North pier to be rebuilt", WIRE, LocalDate.of(2025, 3, 5), "Coast Times", null)), "api");
        ingester.put(List.of(new Article("pier-c", "Port board backs pier plan", WIRE, LocalDate.of(2025, 3, 6), "Bay Courier", null)), "api");
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
    }

    /** The passages of these articles, read from the index as a question reads them. */
    private static List<Hit> read(String... articleIds) throws Exception {
        return new LuceneBackend(index).read(view -> {
            List<Hit> hits = new ArrayList<>();
            for (String id : articleIds) {
                hits.addAll(view.ofArticle(id, 10));
            }
            return hits;
        });
    }

    private static Map<String, List<String>> copies(List<Hit> hits) throws Exception {
        return index.withSearcher(searcher -> {
            Map<String, List<Hit>> found = CopyLinks.of(searcher, hits, LuceneFilters.of(Filters.NONE));
            Map<String, List<String>> ids = new LinkedHashMap<>();
            found.forEach((id, copies) -> ids.put(id, copies.stream().map(h -> h.passage().id()).toList()));
            return ids;
        });
    }

    /** The same hits as a backend that does not read the links would give them. */
    private static List<Hit> unread(List<Hit> hits) {
        return hits.stream().map(h -> new Hit(h.passage(), h.article(), h.score(), h.similarity())).toList();
    }

    @Test
    void should_bring_the_older_copies_a_passage_names_with_its_hit() throws Exception {
        List<Hit> hits = read("pier-a", "pier-b", "pier-c");

        assertThat(hits).extracting(h -> h.passage().id()).containsExactly("pier-a#0", "pier-b#0", "pier-c#0");
        assertThat(hits.get(0).olderCopies()).isEmpty();
        assertThat(hits.get(1).olderCopies()).containsExactly("pier-a#0");
        assertThat(hits.get(2).olderCopies()).containsExactlyInAnyOrder("pier-a#0", "pier-b#0");
        assertThat(unread(hits)).allMatch(h -> h.olderCopies() == null);
    }

    @Test
    void should_find_the_same_copies_whether_the_hits_brought_their_older_ones_or_not() throws Exception {
        for (List<Hit> hits : List.of(read("pier-a", "pier-b", "pier-c"), read("pier-c"), read("pier-b"), read("pier-a"),
                read("pier-b", "pier-a"))) {
            Map<String, List<String>> expected = copies(unread(hits));

            assertThat(copies(hits)).isEqualTo(expected);
        }
        assertThat(copies(read("pier-b"))).containsOnlyKeys("pier-b#0");
        assertThat(copies(read("pier-b")).get("pier-b#0")).containsExactly("pier-a#0", "pier-c#0");
    }

    @Test
    void should_take_the_older_copies_from_the_hit_without_looking_them_up_again() throws Exception {
        // a hit that says it names no older copy (a backend that read its links and found none) gets only the newer
        Hit newest = read("pier-c").getFirst();
        Hit middle = read("pier-b").getFirst();
        Hit namesNone = new Hit(newest.passage(), newest.article(), newest.score(), newest.similarity(), List.of());
        Hit namesOne = new Hit(middle.passage(), middle.article(), middle.score(), middle.similarity(), List.of());

        assertThat(copies(List.of(namesNone))).isEmpty();
        assertThat(copies(List.of(namesOne)).get("pier-b#0")).containsExactly("pier-c#0");
    }
}
