package io.citebot.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.citebot.answer.Answer;
import io.citebot.answer.Citation;
import io.citebot.index.ArticleRef;
import io.citebot.json.Json;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiModelsTest {

    @Test
    void should_name_a_copys_article_in_the_clis_json_as_the_http_apis_do() throws Exception {
        Citation c = new Citation(1, "wire-1", "Port board backs plan", "Nordic Wire", LocalDate.of(2025, 3, 4), "https://wire.example/1",
                "wire-1#0", "The harbor authority approved a plan to rebuild the north pier.");
        Answer a = new Answer("The harbor authority approved a plan [1].", false, List.of(c), 0.9)
                .withAlsoReportedBy(Map.of("wire-1#0", List.of(new ArticleRef("copy-1", "North pier to be rebuilt",
                        LocalDate.of(2025, 3, 5), "Coast Times", "https://coast.example/1"))));
        JsonNode json = Json.mapper().readTree(Json.mapper().writeValueAsString(ApiModels.AnswerJson.of(a)));
        JsonNode citation = json.get("citations").get(0);
        assertThat(citation.get("articleId").asText()).isEqualTo("wire-1");
        assertThat(citation.get("alsoReportedBy").get(0).get("articleId").asText()).isEqualTo("copy-1");
        assertThat(citation.get("alsoReportedBy").get(0).get("source").asText()).isEqualTo("Coast Times");
        assertThat(citation.get("alsoReportedBy").get(0).has("id")).isFalse();
    }
}
