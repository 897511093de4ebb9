package io.citebot.answer;

import static org.assertj.core.api.Assertions.assertThat;

import io.citebot.index.ArticleRef;
import io.citebot.index.CopySketch;
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
    void should_count_an_outlets_newsletter_and_subdomains_as_that_outlet() {
        assertThat(CopySketch.outlet("e.newsletters.cnn.com")).isEqualTo(CopySketch.outlet("CNN.com")).isEqualTo("cnn.com");
        assertThat(CopySketch.outlet("www.bbc.co.uk")).isEqualTo("bbc.co.uk");
        assertThat(CopySketch.outlet("news.com.au")).isEqualTo("news.com.au");
        assertThat(CopySketch.outlet(" Associated Press ")).isEqualTo("associated press");
        // a story and its newsletter reprint: cited once, but not "also reported by" the outlet itself
        Syndication.Collapsed c = Syndication.collapse(List.of(hit("cnn", "cnn.com", LocalDate.of(2022, 7, 6), WIRE, 0.9),
                hit("letter", "e.newsletters.cnn.com", LocalDate.of(2022, 7, 6), WIRE, 0.8)));
        assertThat(c.kept()).extracting(h -> h.article().id()).containsExactly("cnn");
        assertThat(c.copies()).isEmpty();
    }

    @Test
    void should_cite_a_copy_found_in_the_archive_when_it_is_the_earliest_and_name_the_others() {
        Hit retrieved = hit("post", "washingtonpost.com", LocalDate.of(2025, 4, 13), WIRE.replace("TEHRAN (Reuters) - ", ""), 0.9);
        // copies from the archive carry the lookup's score and no cosine
        Hit wire = hit("reuters", "reuters.com", LocalDate.of(2025, 4, 12), WIRE, 1);
        Hit archived = new Hit(wire.passage(), wire.article(), 16, Double.NaN);
        Hit later = hit("yahoo", "yahoo.com", LocalDate.of(2025, 4, 14), WIRE, 1);
        Syndication.Collapsed c = Syndication.collapse(List.of(retrieved, hit("own", "bbc.co.uk", null, OWN_WORDS, 0.5)),
                Map.of("post#0", List.of(later, archived)));
        assertThat(c.kept()).extracting(h -> h.article().id()).containsExactly("reuters", "own");
        assertThat(c.kept().getFirst().score()).isEqualTo(0.9);
        assertThat(c.kept().getFirst().similarity()).isEqualTo(0.9);
        assertThat(c.copies().get("reuters#0")).extracting(ArticleRef::id).containsExactly("post", "yahoo");
    }

    @Test
    void should_call_a_partly_shared_text_a_copy_only_between_two_named_outlets() {
        // the same statement quoted with other attribution and a sentence more: 60% of the shorter one's 5-grams shared
        String quoted = "\"We are making every resource available to help those impacted by this storm, and while rescue and recovery"
                + " continues, please join me in prayer for our fellow Virginians,\" Gov. Glenn Youngkin said in a statement on Wednesday.";
        String other = "\"We are making every resource available to help those impacted by this storm, and while rescue and recovery"
                + " continues, please join me in prayer for our fellow Virginians,\" the governor told reporters in Richmond late on Tuesday"
                + " as the water receded from the town.";
        double c = CopySketch.containment(CopySketch.shingles(quoted), CopySketch.shingles(other));
        assertThat(c).isBetween(CopySketch.OTHER_OUTLET_CONTAINMENT, CopySketch.CONTAINMENT);
        assertThat(Syndication.collapse(List.of(hit("a", "cnn.com", null, quoted, 0.9), hit("b", "usatoday.com", null, other, 0.8))).kept())
                .hasSize(1);
        // one outlet, or sources unknown: a templated paragraph, not a copy
        assertThat(Syndication.collapse(List.of(hit("a", "cnn.com", null, quoted, 0.9), hit("b", "edition.cnn.com", null, other, 0.8))).kept())
                .hasSize(2);
        assertThat(Syndication.collapse(List.of(hit("a", null, null, quoted, 0.9), hit("b", null, null, other, 0.8))).kept()).hasSize(2);
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
        assertThat(CopySketch.copies(CopySketch.shingles("Iran talks resume"), CopySketch.shingles("Iran talks resume"))).isFalse();
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
