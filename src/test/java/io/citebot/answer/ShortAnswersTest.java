package io.citebot.answer;

import io.citebot.index.lucene.EnglishAnalysis;
import static org.assertj.core.api.Assertions.assertThat;

import io.citebot.ingest.Passage;
import io.citebot.index.ArticleRef;
import io.citebot.index.Hit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShortAnswersTest {

    private static Hit hit(String articleId, String source, String text, double score) {
        return new Hit(new Passage(articleId + "#0", articleId, 0, text, 0, text.length()),
                new ArticleRef(articleId, "Title of " + articleId, null, source, null), score);
    }

    private static Answer ask(String question, List<Hit> hits) {
        return new ExtractiveAnswerer(new EnglishAnalysis(), terms -> {
            Map<String, Double> w = new HashMap<>();
            terms.forEach(t -> w.put(t, 1.0));
            return w;
        }, 3, 0.3).answer(question, hits);
    }

    @Test
    void should_lead_with_the_name_two_reports_agree_on_over_the_topic_of_the_best_passage() {
        // given: the best-ranked passage is about the topic (Judge's 62nd) but not the asked record
        List<Hit> hits = List.of(
                hit("a", "Daily One", "Aaron Judge hit his 62nd home run on Tuesday, the most in the American League. "
                        + "The record of 73 home runs still stands.", 10),
                hit("b", "Sports Wire", "Barry Bonds holds the record with 73 home runs, set in 2001.", 8),
                hit("c", "Ball Times", "The all-time record of 73 home runs belongs to Bonds, who hit them for the Giants.", 7));

        // when
        Answer a = ask("Who holds the record with 73 home runs?", hits);

        // then: the full name, from the report that names it, supported by both reports (the surname counts)
        assertThat(a.shortAnswer()).isNotNull();
        assertThat(a.shortAnswer().text()).isEqualTo("Barry Bonds");
        assertThat(a.shortAnswer().citations()).hasSize(2);
        assertThat(a.citations()).extracting(Citation::articleId).startsWith("b");
        assertThat(a.text()).startsWith("Barry Bonds holds the record with 73 home runs");
    }

    @Test
    void should_give_the_date_or_number_asked_for_and_not_what_the_question_says() {
        List<Hit> hits = List.of(hit("a", null, "The mayor opened the bridge on Monday after a delay of 14 months. "
                + "It cost 12 million euros.", 9));
        assertThat(ask("When did the mayor open the bridge?", hits).shortAnswer().text()).isEqualTo("Monday");
        assertThat(ask("How many months was the opening of the bridge delayed?", hits).shortAnswer().text()).isEqualTo("14");

        List<Hit> met = List.of(hit("a", null, "Vladimir Putin met Xi Jinping in Moscow on Tuesday.", 9));
        assertThat(ask("Who did Putin meet in Moscow?", met).shortAnswer().text()).isEqualTo("Xi Jinping");
    }

    @Test
    void should_give_no_short_answer_when_the_question_asks_for_none_or_no_span_stands_near_its_words() {
        List<Hit> hits = List.of(hit("a", null, "The ferry strike ended after a wage deal was signed by the unions.", 5));
        assertThat(ask("How did the ferry strike end?", hits).shortAnswer()).isNull();
        // a name far from every word of the question does not answer it
        List<Hit> far = List.of(hit("a", null, "The ferry strike ended after a long wage dispute between the two sides last winter, "
                + "and only much later, in another matter entirely, was Maria Lopez appointed.", 5));
        assertThat(ask("Who ended the ferry strike?", far).shortAnswer()).isNull();
    }

    @Test
    void should_prefer_the_name_that_holds_the_asked_kind() {
        List<Hit> hits = List.of(hit("a", null, "Liz Cheney is joining the University of Virginia's Center for Politics as a professor.", 9));
        assertThat(ask("Liz Cheney accepted a job teaching at which university?", hits).shortAnswer().text()).isEqualTo("University of Virginia");
    }

    @Test
    void should_answer_which_country_or_state_with_a_place_of_that_kind_the_question_does_not_name() {
        // the capital, the prime minister and the zoo stand nearer the question's words than the country
        List<Hit> abe = List.of(hit("a", "Wire", "Former Prime Minister Shinzo Abe was shot in Nara while campaigning, "
                + "Japanese officials said.", 9));
        assertThat(ask("A former prime minister of which nation was killed after being shot at a campaign event?", abe)
                .shortAnswer().text()).isEqualTo("Japan");
        List<Hit> rebels = List.of(hit("a", "Wire", "Syrian rebels seized Damascus on Sunday after the president fled to Russia.", 9));
        assertThat(ask("Which country was taken over by rebel forces after its president fled to Russia?", rebels)
                .shortAnswer().text()).isEqualTo("Syria");
        List<Hit> repeal = List.of(hit("a", "Wire", "Gov. Gretchen Whitmer of Michigan signed the repeal of the right-to-work "
                + "law in Lansing, a first in the U.S. in decades.", 9));
        assertThat(ask("Which U.S. state saw its governor sign a repeal of the right-to-work law?", repeal)
                .shortAnswer().text()).isEqualTo("Michigan");
        // no place of the asked kind: no short answer, rather than the nearest name
        List<Hit> none = List.of(hit("a", "Wire", "The Memphis Zoo said the giant pandas Ya Ya and Le Le were loaned.", 9));
        assertThat(ask("Which country loaned the zoo two giant pandas?", none).shortAnswer()).isNull();
    }

    @Test
    void should_answer_a_share_with_a_share_and_a_sum_with_money() {
        List<Hit> fine = List.of(hit("a", "Wire", "Judge Juan Merchan fined Trump $9,000 on Tuesday for nine violations "
                + "of the gag order.", 9));
        assertThat(ask("How much was Trump fined for violating his gag order?", fine).shortAnswer().text()).isEqualTo("$9,000");
        List<Hit> poll = List.of(hit("a", "Wire", "In the poll of 1,500 adults, 60% disapprove of the court's decision.", 9));
        assertThat(ask("What percentage of adults disapprove of the court's decision?", poll).shortAnswer().text()).isEqualTo("60%");
        // no share in the sentence: no short answer, rather than another number
        List<Hit> count = List.of(hit("a", "Wire", "In the poll of 1,500 adults, most disapprove of the court's decision.", 9));
        assertThat(ask("What percentage of adults disapprove of the court's decision?", count).shortAnswer()).isNull();
        assertThat(ShortAnswers.unit("How many jurors heard the trial?")).isNull();
        assertThat(ShortAnswers.unit("By how much have gas prices risen?")).isNull();
    }

    @Test
    void should_answer_which_team_with_a_team_by_its_full_name_or_else_with_the_names() {
        // the quarterback, the league and the city stand nearer the question's words than the team
        List<Hit> watson = List.of(hit("a", "Wire", "The NFL suspended Deshaun Watson, the quarterback the Browns signed "
                + "in Cleveland, for 11 games.", 9));
        assertThat(ask("Which NFL team does Deshaun Watson play for?", watson).shortAnswer().text()).isEqualTo("Cleveland Browns");
        // a college team is in no league listed: the names answer
        List<Hit> college = List.of(hit("a", "Wire", "The committee left undefeated Florida State out of the College "
                + "Football Playoff.", 9));
        assertThat(ask("Which football team was left out of the College Football Playoff?", college).shortAnswer().text())
                .isEqualTo("Florida State");
        // an airline, not the plane's maker or the state nearer the question's words
        List<Hit> door = List.of(hit("a", "Wire", "A door panel of a Boeing 737 Max 9 blew out over Oregon on an Alaska "
                + "Airlines flight.", 9));
        assertThat(ask("A door panel blew out mid-air on a flight operated by which airline?", door).shortAnswer().text())
                .isEqualTo("Alaska Airlines");
    }

    @Test
    void should_answer_what_year_with_a_year() {
        List<Hit> ie = List.of(hit("a", "Wire", "Microsoft retired Internet Explorer on Wednesday; the browser debuted "
                + "in August 1995 with Windows 95.", 9));
        assertThat(ask("Microsoft retired its Internet Explorer browser this week. What year did it debut?", ie).shortAnswer().text())
                .isEqualTo("1995");
        List<Hit> noYear = List.of(hit("a", "Wire", "The browser debuted on a Wednesday with Windows 95.", 9));
        assertThat(ask("What year did the Internet Explorer browser debut?", noYear).shortAnswer()).isNull();
    }

    @Test
    void should_answer_how_long_or_how_far_with_a_number_and_its_unit() {
        List<Hit> term = List.of(hit("a", "Wire", "Maxwell, 60, was sentenced in June to 20 years in prison after a trial "
                + "with 12 jurors.", 9));
        assertThat(ask("How long is Ghislaine Maxwell facing in prison?", term).shortAnswer().text()).isEqualTo("20 years");
        List<Hit> ad = List.of(hit("a", "Wire", "The brand paid for a 30-second commercial in the third quarter.", 9));
        assertThat(ask("How long was the brand's commercial?", ad).shortAnswer().text()).isEqualTo("30-second");
        List<Hit> far = List.of(hit("a", "Wire", "Jacksonville lies 340 miles north of Miami and has 950,000 people.", 9));
        assertThat(ask("How far is Jacksonville from Miami?", far).shortAnswer().text()).isEqualTo("340 miles");
        // a number without a unit does not say how long
        List<Hit> bare = List.of(hit("a", "Wire", "The strike, joined by 3,000 workers, ended on Friday.", 9));
        assertThat(ask("How long did the strike last?", bare).shortAnswer()).isNull();
        assertThat(ShortAnswers.unit("How old is Mack Rutherford?")).isNull();
        assertThat(ShortAnswers.unit("The two countries have been at war for how long?")).isSameAs(ShortAnswers.MEASURE);
        // a height is no time: not "30-year" from "a 30-year high"
        List<Hit> inflation = List.of(hit("a", "Wire", "Inflation hit a 30-year high and could climb to 10% by October, "
                + "the Bank of England said.", 9));
        assertThat(ask("How high will inflation climb according to the Bank of England?", inflation).shortAnswer().text())
                .isEqualTo("10%");
    }

    @Test
    void should_take_the_subject_of_the_asked_verb() {
        List<Hit> hits = List.of(hit("a", null, "Russia offered to mediate between Iran and the U.S. on Friday.", 5));
        assertThat(ask("Who offered to mediate between Iran and America?", hits).shortAnswer().text()).isEqualTo("Russia");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "NAME   | However, the Washington Post's editor said so. | Washington Post",
            "NAME   | Talks with the U.S. resumed.                 | U.S.",
            "NAME   | In January Bank of America left.             | Bank of America",
            "NAME   | Florida Gov. Ron DeSantis spoke.             | Florida",
            "NAME   | In the 1910s, New York–based filmmakers came. | New York",
            "NAME   | WASHINGTON — Elon Musk's Twitter Inc sued.   | Elon Musk",
            "DATE   | It opened on June 5, 2022 in Paris.          | June 5, 2022",
            "NUMBER | Prices rose 8.5% in May, to $1,200.          | 8.5%"})
    void should_find_spans_of_the_asked_kind(ShortAnswers.Kind kind, String sentence, String first) {
        int[] span = Spans.of(kind, sentence, Spans.lowerCaseWords(List.of("the talks went on"))).getFirst();
        assertThat(sentence.substring(span[0], span[1])).isEqualTo(first);
    }

    @Test
    void should_split_names_at_titles_and_possessives() {
        String s = "Longtime Starbucks CEO Howard Schultz met Elon Musk's Twitter Inc staff.";
        assertThat(Spans.of(ShortAnswers.Kind.NAME, s).stream().map(sp -> s.substring(sp[0], sp[1])).toList())
                .containsExactly("Starbucks", "Howard Schultz", "Elon Musk", "Twitter Inc");
    }

    @Test
    void should_give_the_company_for_which_company_and_the_person_for_who() {
        List<Hit> hits = List.of(hit("a", null, "Longtime Starbucks CEO Howard Schultz testified before the Senate on Wednesday.", 9));
        assertThat(ask("The former CEO of which company testified before the Senate?", hits).shortAnswer().text()).isEqualTo("Starbucks");
        assertThat(ask("Who testified before the Senate on Wednesday?", hits).shortAnswer().text()).isEqualTo("Howard Schultz");
        List<Hit> us = List.of(hit("a", null, "The U.S. state of Washington banned assault weapons on Tuesday.", 9));
        assertThat(ask("Which state banned assault weapons?", us).shortAnswer().text()).isEqualTo("Washington");
    }

    @Test
    void should_read_the_kind_from_the_asking_sentence() {
        assertThat(ShortAnswers.kind("Which team won the title?", AnswerType.of("Which team won the title?"))).contains(ShortAnswers.Kind.NAME);
        assertThat(ShortAnswers.kind("Where did the summit take place?", AnswerType.OTHER)).contains(ShortAnswers.Kind.NAME);
        assertThat(ShortAnswers.kind("What did Putin offer?", AnswerType.OTHER)).isEqualTo(Optional.empty());
        assertThat(ShortAnswers.kind("Which insect was added to the list?", AnswerType.OTHER)).isEqualTo(Optional.empty());
        assertThat(ShortAnswers.kind("Which type of drink was recalled?", AnswerType.OTHER)).isEqualTo(Optional.empty());
        assertThat(ShortAnswers.key(ShortAnswers.Kind.NUMBER, "1,200 per cent")).isEqualTo("1200 percent");
    }
}
