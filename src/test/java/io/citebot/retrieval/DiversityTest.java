package io.citebot.retrieval;

import io.citebot.index.ArticleRef;
import io.citebot.index.Hit;
import static org.assertj.core.api.Assertions.assertThat;

import io.citebot.ingest.Passage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DiversityTest {

    private static List<Hit> hits(String articles) {
        List<Hit> hits = new ArrayList<>();
        int[] ordinal = new int[26];
        double score = 100;
        for (String a : articles.split(" ")) {
            int n = ordinal[a.charAt(0) - 'a']++;
            hits.add(new Hit(new Passage(a + "#" + n, a, n, "text", 0, 4), new ArticleRef(a, a, null, null, null), score--));
        }
        return hits;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // ranked articles  | k | cap | picked passages
            "a a a a a b c      | 5 | 2   | a#0 a#1 b#0 c#0 a#2",
            "a a a a a          | 3 | 2   | a#0 a#1 a#2",
            "a b a b a b        | 4 | 2   | a#0 b#0 a#1 b#1",
            "a a b a c          | 3 | 3   | a#0 a#1 b#0"})
    void should_cap_passages_per_article_while_other_articles_remain(String ranked, int k, int cap, String expected) {
        List<String> picked = Diversity.limitPerArticle(hits(ranked), k, cap).stream().map(h -> h.passage().id()).toList();
        assertThat(picked).containsExactly(expected.split(" "));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // ranked articles  | k | cap | passages loaded
            "a b c d a b c d    | 4 | 2   | 4",  // the first four are under the cap: nothing more is read
            "a a a b c d e f    | 4 | 2   | 8",  // the third 'a' is passed over: the next four are read
            "a a a a a a a a a  | 4 | 2   | 9",  // never enough other articles: everything, then the passed-over fill
            "a b c              | 4 | 2   | 3"})
    void should_pick_the_same_passages_reading_only_as_many_as_the_cap_needs(String ranked, int k, int cap, int loaded) throws Exception {
        List<Hit> all = hits(ranked);
        List<Integer> keys = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            keys.add(i);
        }
        List<Integer> read = new ArrayList<>();
        List<Hit> picked = Diversity.limitPerArticle(keys, k, cap, batch -> {
            read.addAll(batch);
            return batch.stream().map(all::get).toList();
        });
        assertThat(picked).containsExactlyElementsOf(Diversity.limitPerArticle(all, k, cap));
        assertThat(read).hasSize(loaded).doesNotHaveDuplicates();
    }
}
