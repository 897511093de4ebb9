package io.citebot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.citebot.App;
import io.citebot.TestFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code citebot extract} and {@code citebot eval --extraction}, run in-process. */
class ExtractCliTest {

    @TempDir
    Path tmp;

    private String out;
    private String err;

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = App.run(args, Map.of("CITEBOT_DATA_DIR", tmp.resolve("data").toString(),
                "CITEBOT_CONFIG", TestFiles.FIXTURES.resolve("empty.properties").toString()), new PrintWriter(o, true), new PrintWriter(e, true));
        out = o.toString();
        err = e.toString();
        return code;
    }

    @Test
    void should_show_what_is_read_from_a_page() {
        // when
        int code = run("extract", TestFiles.PAGES.resolve("tabloid-page.html").toString());

        // then
        assertThat(code).isZero();
        assertThat(out).contains("title:  Hunter catches plague after eating a rabbit", "date:   2019-11-18",
                "source: The Daily Example", "url:    https://daily.example.com/news/hunter-plague",
                "He is the third person in the region").doesNotContain("Credit: EPA", "Don't miss", "All rights reserved");
    }

    @Test
    void should_print_one_json_line_per_article_and_report_unreadable_files_after_the_others() throws Exception {
        // given
        Path missing = tmp.resolve("missing.html");
        Path unsupported = Files.writeString(tmp.resolve("notes.pdf"), "%PDF");

        // when
        int code = run("extract", "--json", missing.toString(), unsupported.toString(), TestFiles.SEEDS.toString());

        // then
        assertThat(code).isEqualTo(CitebotCommand.EXIT_FAILED);
        List<JsonNode> lines = out.lines().map(ExtractCliTest::json).toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0).get("error").asText()).isEqualTo("no such file");
        assertThat(lines.get(1).get("error").asText()).contains("unsupported file type");
        assertThat(lines.get(2).get("file").asText()).endsWith(TestFiles.SEED_RUSSIA + ".txt");
        assertThat(lines.get(2).get("title").asText()).isEqualTo("Diplomatic Balancing Act: Russia Mediates Between U.S. and Iran");
        assertThat(lines.get(2).get("date").asText()).isEqualTo("2025-04-04");
        assertThat(lines.get(3).get("text").asText()).doesNotContain("TRENDING");
        assertThat(lines.get(2).fieldNames()).toIterable().containsExactly("file", "title", "date", "source", "url", "text");
    }

    @Test
    void should_never_print_escape_sequences_from_a_page_to_the_terminal() throws IOException {
        // given
        Path page = Files.writeString(tmp.resolve("evil.html"), "<html><head><title>Bad \u001b[2J title</title></head><body><p>"
                + "The harbour reopened on Monday \u001b]0;owned\u0007after repairs that took three weeks and cost the city two million.</p></body></html>");

        // when
        run("extract", page.toString());

        // then
        assertThat(out).doesNotContain("\u001b", "\u0007").contains("The harbour reopened");
    }

    @Test
    void should_score_extraction_against_a_ground_truth_folder() throws Exception {
        // given: the benchmark's layout, one gzipped page and its marked article body
        Path dir = tmp.resolve("bench");
        Files.createDirectories(dir.resolve("html"));
        try (var gz = new GZIPOutputStream(Files.newOutputStream(dir.resolve("html/p1.html.gz")))) {
            gz.write(TestFiles.bytes(TestFiles.PAGES.resolve("tabloid-page.html")));
        }
        String body = "A hunter in northern China has been diagnosed with bubonic plague after he killed and ate a wild rabbit,"
                + " health officials said on Monday.\nHe is the third person in the region to catch the disease this month.";
        Files.writeString(dir.resolve("ground-truth.json"), new ObjectMapper().writeValueAsString(
                Map.of("p1", Map.of("articleBody", body, "url", "https://daily.example.com/news/hunter-plague"))));

        // when
        int code = run("eval", "--extraction", dir.toString(), "--json");

        // then: all of the truth was found (recall 1), and the rest of the story counts against precision
        assertThat(code).isZero();
        JsonNode r = new ObjectMapper().readTree(out);
        assertThat(r.get("pages").asInt()).isEqualTo(1);
        assertThat(r.get("recall").asDouble()).isEqualTo(1.0);
        assertThat(r.get("precision").asDouble()).isBetween(0.1, 0.5);
        assertThat(r.get("emptyPages").asInt()).isZero();
    }

    @Test
    void should_refuse_an_extraction_folder_without_ground_truth() {
        assertThat(run("eval", "--extraction", tmp.toString())).isEqualTo(CitebotCommand.EXIT_FAILED);
        assertThat(err).contains("no ground-truth.json");
        assertThat(run("eval")).isEqualTo(CitebotCommand.EXIT_BAD_INPUT);
        assertThat(err).contains("--docs and --queries");
    }

    private static JsonNode json(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (IOException e) {
            throw new AssertionError(line, e);
        }
    }
}
