package io.citebot.answer;

import static org.assertj.core.api.Assertions.assertThat;

import io.citebot.answer.Gazetteer.Kind;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GazetteerTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Which country became the first to enshrine abortion rights?    | COUNTRY",
            "A former prime minister of which nation was killed?            | COUNTRY",
            "Which U.S. state saw its governor sign the repeal?              | STATE",
            "In which US state was the ticket sold?                          | STATE",
            "Which state Supreme Court cleared the way for the ban?          | STATE",
            "Which company cost Kanye West his billionaire status?           | ",
            "Which countries signed the accord?                              | ",
            "What state-owned bank collapsed?                                | ",
            "What state in Australia is the center of dairy farming?         | ",
            "Which NFL team does Deshaun Watson play for?                    | TEAM",
            "Fans of which football club left after 15 minutes?              | TEAM",
            "He is a valued member of which team?                            | TEAM",
            "Which country hosted the team's training camp?                  | COUNTRY",
            "Sarina Wiegman led which national team to victory at the Euro? | COUNTRY",
            "Which member of the hometown Dodgers is not an all-star?        | ",
            "Which carrier is merging with Alaska Airlines?                  | AIRLINE",
            "Which wireless carrier raised its prices?                       | ",
            "Which automaker recalled 2.9 million vehicles this week?        | AUTOMAKER"})
    void should_read_the_asked_kind_of_name(String question, Kind kind) {
        assertThat(Gazetteer.asked(question)).isEqualTo(Optional.ofNullable(kind));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "COUNTRY | Syrian rebels seized Damascus on Sunday.                          | Syria",
            "COUNTRY | Talks with the U.S. resumed in Saudi Arabia's capital.             | United States, Saudi Arabia",
            "COUNTRY | Flights from Latin America and New Mexico landed in Mexico.        | Mexico",
            "COUNTRY | The Japan Meteorological Agency raised the alert.                  | Japan",
            "COUNTRY | Fighting in South Sudan spread north into Sudan.                   | South Sudan, Sudan",
            "COUNTRY | France, not the former Yugoslavia, is the first.                   | France",
            "COUNTRY | The Washington Post and the French Open; turkey, French officials said. | France",
            "STATE   | Gov. Gretchen Whitmer of Michigan signed it in Lansing, Mich.     | Michigan, Michigan",
            "STATE   | Tim Scott, R-S.C., spoke in Charleston, S.C.                      | South Carolina",
            "STATE   | The state of Washington, not Washington, passed the ban.          | Washington",
            "STATE   | Georgia Tech beat West Virginia, and Virginia lost.                | West Virginia, Virginia",
            "STATE   | Californians and New Yorkers in New York City.                    | California, New York",
            "TEAM    | The Bills beat the New York Jets, and the Giants lost.            | Buffalo Bills, New York Jets",
            "TEAM    | Brady, a part owner of the Las Vegas Raiders, was at St. Louis Cardinals games. | Las Vegas Raiders, St. Louis Cardinals",
            "TEAM    | Manchester United beat Newcastle United 2-0 in the Carabao Cup.   | Manchester United, Newcastle United",
            "AIRLINE | Southwest cancelled flights; United Airlines and American ones flew. | Southwest Airlines, United Airlines",
            "AUTOMAKER | The recall by GM and Ford Motor Co. spared Tesla's.             | General Motors, Ford, Tesla"})
    void should_find_names_of_a_kind_by_their_longest_name(Kind kind, String sentence, String names) {
        assertThat(Gazetteer.find(kind, sentence).stream().map(Gazetteer.Found::name).toList())
                .containsExactly(names.split(",\\s*"));
    }

    @Test
    void should_give_where_each_name_stands_and_the_name_as_written_or_the_places_own_for_its_people() {
        String s = "Officials in Saudi Arabia's capital met U.S. and Syrian envoys.";
        var found = Gazetteer.find(Kind.COUNTRY, s);
        assertThat(found).extracting(f -> s.substring(f.start(), f.end())).containsExactly("Saudi Arabia", "U.S.", "Syrian");
        assertThat(found).extracting(Gazetteer.Found::text).containsExactly("Saudi Arabia", "U.S.", "Syria");
        assertThat(found).extracting(Gazetteer.Found::name).containsExactly("Saudi Arabia", "United States", "Syria");
    }
}
