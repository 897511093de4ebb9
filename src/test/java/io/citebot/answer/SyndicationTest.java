package io.citebot.answer;

import static org.assertj.core.api.Assertions.assertThat;

import io.citebot.index.ArticleRef;
import io.citebot.index.Hit;
import io.citebot.ingest.Passage;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyndicationTest {

    static final String WIRE = "TEHRAN (Reuters) - Iran and the United States held a second round of indirect nuclear talks in"
            + " Muscat on Saturday, with Omani Foreign Minister Badr Albusaidi shuttling between the two delegations, officials"
            + " said. Both sides described the meeting as constructive and agreed to meet again next week.";
    static final String OWN_WORDS = "Negotiators from Washington and Tehran met for a second time in Oman at the weekend. The"
            + " Omani foreign minister carried messages between rooms, and both governments later said the talks had gone well"
            + " enough to schedule another session within days.";

    static Hit hit(String article, String source, LocalDate date, String text, double score) {
        return new Hit(new Passage(article + "#0", article, 0, text, 0, text.length()),
                new ArticleRef(article, "Title " + article, date, source, "https://" + source + "/" + article), score, score);
    }

    @Test
    void should_cite_the_earliest_copy_of_a_wire_story_once_and_keep_reports_in_other_words() {
        // given the same wire story in three outlets (one trimmed, one lightly edited) and a report in other words
        List<Hit> hits = List.of(
                hit("post", "washingtonpost.com", LocalDate.of(2025, 4, 13), WIRE.replace("TEHRAN (Reuters) - ", ""), 0.9),
                hit("own", "bbc.co.uk", LocalDate.of(2025, 4, 12), OWN_WORDS, 0.8),
                hit("reuters", "reuters.com", LocalDate.of(2025, 4, 12), WIRE, 0.7),
                hit("yahoo", "yahoo.com", null, WIRE.replace("officials said", "officials told reporters"), 0.6));

        // when
        Syndication.Collapsed c = Syndication.collapse(hits);

        // then the earliest copy stands for the story, at the best copy's place and score
        assertThat(c.kept()).extracting(h -> h.article().id()).containsExactly("reuters", "own");
        assertThat(c.kept().getFirst().score()).isEqualTo(0.9);
        assertThat(c.copies().get("reuters#0")).extracting(ArticleRef::id).containsExactly("post", "yahoo");
        assertThat(c.copies()).doesNotContainKey("own#0");
    }

    @Test
    void should_leave_hits_without_copies_as_they_are() {
        List<Hit> hits = List.of(hit("a", "x.com", null, WIRE, 0.9), hit("b", "y.com", null, OWN_WORDS, 0.5),
                hit("a", "x.com", null, WIRE, 0.4));
        Syndication.Collapsed c = Syndication.collapse(hits);
        assertThat(c.kept()).isSameAs(hits);
        assertThat(c.copies()).isEmpty();
    }

    @Test
    void should_not_name_one_outlets_own_boilerplate_as_another_report() {
        // one outlet's standing paragraph, repeated under its unrelated articles, is cited once but is no other report
        List<Hit> footers = List.of(hit("w1", "theweek.co.uk", null, WIRE, 0.9), hit("w2", "theweek.co.uk", null, WIRE, 0.8));
        assertThat(Syndication.collapse(footers).kept()).hasSize(1);
        assertThat(Syndication.collapse(footers).copies()).isEmpty();
        // short lines are never called copies
        assertThat(Syndication.copies(Syndication.shingles("Iran talks resume"), Syndication.shingles("Iran talks resume"))).isFalse();
    }

    @Test
    void should_carry_the_copies_on_the_answers_citation() {
        Citation c = Citation.of(1, hit("reuters", "reuters.com", null, WIRE, 0.7));
        Answer a = new Answer("Talks were held [1].", false, List.of(c), 0.9);
        Answer with = a.withAlsoReportedBy(Map.of("reuters#0",
                List.of(new ArticleRef("post", "T", null, "washingtonpost.com", "https://washingtonpost.com/post"))));
        assertThat(with.citations().getFirst().alsoReportedBy()).extracting(ArticleRef::source).containsExactly("washingtonpost.com");
    }
}
