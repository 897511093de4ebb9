package io.citebot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.citebot.App;
import io.citebot.Citebot;
import io.citebot.TestFiles;
import io.citebot.chat.SearchOptions;
import io.citebot.config.Config;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, run in-process with its own environment: real index in a temp folder. */
class CliTest {

    @TempDir
    Path tmp;

    private Map<String, String> env;
    private String out;
    private String err;

    @BeforeEach
    void setUp() {
        env = new HashMap<>(Map.of("CITEBOT_DATA_DIR", tmp.resolve("data").toString(),
                "CITEBOT_SEEDS_DIR", TestFiles.SEEDS.toString(),
                "CITEBOT_CONFIG", TestFiles.FIXTURES.resolve("empty.properties").toString()));
    }

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = App.run(args, env, new PrintWriter(o, true), new PrintWriter(e, true));
        out = o.toString();
        err = e.toString();
        return code;
    }

    @Test
    void should_print_feedback_newest_first_as_text_and_json() throws Exception {
        assertThat(run("feedback")).isZero();
        assertThat(out).contains("No feedback yet.");
        var config = Config.load(env);
        try (var bot = Citebot.open(config, false, TestFiles.embedder())) {
            bot.syncSeeds();
            var reply = bot.chat().ask("What did Putin offer?", null, SearchOptions.DEFAULT);
            bot.chat().feedback(reply.conversationId(), 1, "down", "Too vague\u001b[31m", "web", null);
            bot.chat().feedback(reply.conversationId(), 1, "up", null, "slack", "T1:U1");
        }
        assertThat(run("feedback")).isZero();
        String[] lines = out.strip().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).contains("up  ", "slack", "What did Putin offer?");
        assertThat(lines[1]).contains("down", "web", "Too vague").doesNotContain("\u001b");
        assertThat(run("feedback", "--json", "-n", "1")).isZero();
        JsonNode entry = new ObjectMapper().readTree(out);
        assertThat(entry.get("rating").asText()).isEqualTo("up");
        assertThat(entry.get("citations").get(0).get("articleId").asText()).isEqualTo(TestFiles.SEED_PUTIN);
        assertThat(run("feedback", "-n", "0")).isEqualTo(2);
        assertThat(err).contains("--limit");
    }

    @Test
    void should_answer_with_sources_on_the_command_line() {
        assertThat(run("ask", "What", "did", "Dmitry", "Peskov", "say", "about", "negotiations?")).isZero();
        assertThat(out).contains("Peskov").contains("[1]").contains("(" + TestFiles.SEED_PUTIN + "#");
    }

    @Test
    void should_print_the_answer_as_json() throws Exception {
        // when
        int code = run("ask", "--json", "Who won the 2018 World Cup?");

        // then
        assertThat(code).isZero();
        JsonNode b = new ObjectMapper().readTree(out);
        assertThat(b.get("refused").asBoolean()).isTrue();
        assertThat(b.get("citations")).isEmpty();
        assertThat(b.get("answer").asText()).contains("do not cover");
    }

    @Test
    void should_search_and_print_json_results() throws Exception {
        assertThat(run("search", "--json", "-k", "2", "Putin", "mediate")).isZero();
        JsonNode results = new ObjectMapper().readTree(out).get("results");
        assertThat(results).hasSize(2);
        assertThat(results.get(0).get("articleId").asText()).isEqualTo(TestFiles.SEED_PUTIN);
    }

    @Test
    void should_ingest_files_report_skipped_lines_and_exit_non_zero() {
        // when
        int code = run("ingest", TestFiles.FIXTURES.resolve("mixed.jsonl").toString());

        // then
        assertThat(code).isEqualTo(1);
        assertThat(out).contains("2 articles added");
        assertThat(err).contains("line 2: malformed JSON").contains("line 3: missing field \"text\"");
    }

    @Test
    void should_ingest_again_without_writing_anything() {
        assertThat(run("ingest", TestFiles.SEEDS.toString())).isZero();
        assertThat(run("ingest", TestFiles.SEEDS.toString())).isZero();
        assertThat(out).contains("2 files, all unchanged: nothing to index").doesNotContain("0 articles added");
    }

    @Test
    void should_fail_with_a_message_and_no_stack_trace_on_bad_input() {
        assertThat(run("ingest", tmp.resolve("missing").toString())).isEqualTo(2);
        assertThat(err).contains("no such file or folder").doesNotContain("Exception", "\tat ");

        assertThat(run("search", "-k", "0", "iran")).isEqualTo(2);
        assertThat(err).contains("k must be between 1 and 100");

        assertThat(run("ask", " ")).isEqualTo(2);
        assertThat(err).contains("question must not be empty");

        assertThat(run("ask")).isEqualTo(2);
        assertThat(err).contains("Missing required parameter");

        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err).contains("Unmatched argument");
    }

    @Test
    void should_build_only_the_subcommand_it_runs_and_list_them_all_in_its_help() {
        var all = CitebotCommand.commandLine(env).getSubcommands();
        assertThat(all).hasSize(13).containsKeys("serve", "ask", "eval", "copy-index", "digest");
        for (String name : all.keySet()) {
            var one = CitebotCommand.commandLine(env, new String[] {name, "--help"}).getSubcommands();
            assertThat(one).as(name).containsOnlyKeys(name);
            assertThat(run(name, "--help")).as(name).isZero();
            assertThat(out).as(name).startsWith("Usage: citebot " + name);
        }
        assertThat(run("--help")).isZero();
        assertThat(out).contains("serve", "ask", "copy-index", "digest", "Exit codes:");
        assertThat(run()).isZero();
        assertThat(out).contains("copy-index");
        assertThat(run("serv")).isEqualTo(2);
        assertThat(err).contains("Did you mean: citebot serve");
    }

    @Test
    void should_search_with_a_mode_and_filters() throws Exception {
        assertThat(run("search", "--json", "--mode", "dense", "--from", "2025-04-01", "--source", "devdiscourse news desk", "Kremlin")).isZero();
        JsonNode results = new ObjectMapper().readTree(out).get("results");
        assertThat(results.findValuesAsText("articleId")).isNotEmpty().containsOnly(TestFiles.SEED_RUSSIA);

        assertThat(run("ask", "--mode", "fuzzy", "Kremlin")).isEqualTo(2);
        assertThat(err).contains("mode must be bm25, dense or hybrid");
        assertThat(run("ask", "--from", "yesterday", "Kremlin")).isEqualTo(2);
        assertThat(err).contains("from must be a date as YYYY-MM-DD");
    }

    @Test
    void should_name_the_variable_of_a_bad_setting() {
        env.put("CITEBOT_TOP_K", "lots");
        assertThat(run("ask", "Peskov")).isEqualTo(2);
        assertThat(err).contains("CITEBOT_TOP_K must be a whole number").doesNotContain("\tat ");
    }

    @Test
    void should_evaluate_a_small_benchmark() {
        // given a three-article corpus, two questions it answers and one it cannot
        Path docs = Path.of("src/test/resources/eval/eval-docs.jsonl");
        Path queries = Path.of("src/test/resources/eval/eval-queries.jsonl");

        // when
        int code = run("eval", "--mode", "bm25", "--docs", docs.toString(), "--queries", queries.toString());

        // then: the Mona Lisa question matches no word, so BM25 finds nothing for it and the bot refuses
        assertThat(code).isZero();
        assertThat(out).contains("mode bm25, 3 questions").contains("hits@1 0.667").contains("hits@10 0.667")
                .contains("mrr@10 0.667").contains("containment 1.000").contains("citation-correct 1.000").contains("refused 0.333");

        // and in hybrid mode the dense list ranks every article, so the unrelated evidence article still shows up lower
        assertThat(run("eval", "--docs", docs.toString(), "--queries", queries.toString())).isZero();
        assertThat(out).contains("mode hybrid, 3 questions").contains("hits@10 1.000")
                .contains("refused 0.333").contains("ingest reused index");

        assertThat(run("eval", "--mode", "fuzzy", "--docs", docs.toString(), "--queries", queries.toString())).isEqualTo(2);
    }

    @Test
    void should_write_each_questions_outcome_with_details() throws Exception {
        // given the small benchmark, and its questions asked again as off-topic ones
        Path docs = Path.of("src/test/resources/eval/eval-docs.jsonl");
        Path queries = Path.of("src/test/resources/eval/eval-queries.jsonl");
        Path details = tmp.resolve("details.jsonl");

        // when
        int code = run("eval", "--mode", "bm25", "--docs", docs.toString(), "--queries", queries.toString(),
                "--negatives", queries.toString(), "--details", details.toString());

        // then: one line per question of each set, saying what was answered from which passages and why
        assertThat(code).isZero();
        var lines = jsonLines(details);
        assertThat(lines).hasSize(6);
        assertThat(lines).extracting(n -> n.path("set").asText()).containsExactly(
                "questions", "questions", "questions", "off-topic", "off-topic", "off-topic");
        JsonNode tamar = lines.getFirst();
        assertThat(tamar.path("id").asText()).isEqualTo("q1");
        assertThat(tamar.path("refused").asBoolean()).isFalse();
        assertThat(tamar.path("contained").asBoolean()).isTrue();
        assertThat(tamar.path("ranked").get(0).asText()).isEqualTo("tamar");
        assertThat(tamar.path("terms").has("arch")).isTrue();
        JsonNode hit = tamar.path("hits").get(0);
        assertThat(hit.path("article").asText()).isEqualTo("tamar");
        assertThat(hit.path("covered").toString()).contains("arch");
        assertThat(hit.path("similarity").isNull()).isTrue();
        JsonNode monaLisa = lines.get(2);
        assertThat(monaLisa.path("refused").asBoolean()).isTrue();
        assertThat(monaLisa.path("contained").asBoolean()).isFalse();

        // and a details file in a folder that does not exist is a clear error before any work
        assertThat(run("eval", "--docs", docs.toString(), "--queries", queries.toString(),
                "--details", tmp.resolve("nowhere/details.jsonl").toString())).isEqualTo(2);
        assertThat(err).contains("no such folder for --details");
    }

    @Test
    void should_ask_questions_with_their_gold_articles_left_out() throws Exception {
        // given the small corpus, and another outlet's report of the bridge story, which the library question lacks
        Path docs = tmp.resolve("docs.jsonl");
        Files.writeString(docs, Files.readString(Path.of("src/test/resources/eval/eval-docs.jsonl"))
                + "{\"id\": \"tamar-wire\", \"title\": \"Tamar crossing open again\", \"text\": \"Traffic crossed the Tamar"
                + " bridge again on Monday. Two of the five arches were replaced during eight months of repairs.\"}\n");
        Path queries = tmp.resolve("queries.jsonl");
        Files.writeString(queries, Files.readAllLines(Path.of("src/test/resources/eval/eval-queries.jsonl"))
                .subList(0, 2).stream().map(l -> l + "\n").collect(Collectors.joining()));
        Path details = tmp.resolve("details.jsonl");

        // when
        int code = run("eval", "--mode", "bm25", "--docs", docs.toString(), "--queries", queries.toString(), "--leave-out-gold",
                "--details", details.toString());

        // then: without its article the library question is refused; the bridge question is answered from the other report
        assertThat(code).isZero();
        assertThat(out).contains("mode bm25, 2 questions")
                .contains("left-out   refused 0.500 (1 of 2) with their 2 gold articles left out; answered 1, 1 of them with a"
                        + " gold answer from another article")
                .contains("refused(left-out)");
        var lines = jsonLines(details);
        assertThat(lines).extracting(n -> n.path("set").asText()).containsExactly("questions", "questions", "gold-left-out", "gold-left-out");
        assertThat(lines.get(2).path("cited").toString()).contains("tamar-wire").doesNotContain("\"tamar\"");
        assertThat(lines.get(3).path("refused").asBoolean()).isTrue();
        assertThat(run("eval", "--mode", "bm25", "--json", "--docs", docs.toString(), "--queries", queries.toString(), "--leave-out-gold"))
                .isZero();
        JsonNode leftOut = new ObjectMapper().readTree(out).path("leftOutGold");
        assertThat(leftOut.path("refused").asDouble()).isEqualTo(0.5);
        assertThat(leftOut.path("answeredWithGold").asInt()).isEqualTo(1);

        // and a corpus that would be empty without its gold articles, or --calibrate with it, is a clear error
        assertThat(run("eval", "--docs", "src/test/resources/eval/eval-docs.jsonl", "--queries",
                "src/test/resources/eval/eval-queries.jsonl", "--leave-out-gold")).isEqualTo(2);
        assertThat(err).contains("would leave no articles");
        assertThat(run("eval", "--calibrate", "--docs", docs.toString(), "--queries", queries.toString(), "--leave-out-gold")).isEqualTo(2);
        assertThat(err).contains("--leave-out-gold is not used with --calibrate");
    }

    @Test
    void should_calibrate_the_refusal_threshold_on_half_of_the_titles() {
        // given the small corpus: of its three titles, the first and third in order are indexed
        Path docs = Path.of("src/test/resources/eval/eval-docs.jsonl");
        Path queries = Path.of("src/test/resources/eval/eval-queries.jsonl");

        // when
        int code = run("eval", "--calibrate", "--mode", "bm25", "--docs", docs.toString(), "--queries", queries.toString(),
                "--negatives", queries.toString());

        // then: the library and bridge questions are answerable; the harbour one, and the three asked again as off-topic, not
        assertThat(code).isZero();
        assertThat(out).contains("indexed 2 of 3 titles; 2 answerable questions, 4 unanswerable (1 same-corpus, 3 off-topic)")
                .contains("threshold  answered(answerable)").contains("(set CITEBOT_MIN_CONFIDENCE_BM25)");
    }

    private static List<JsonNode> jsonLines(Path file) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String l : Files.readAllLines(file)) {
            lines.add(new ObjectMapper().readTree(l));
        }
        return lines;
    }
}
