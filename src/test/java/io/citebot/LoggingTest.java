package io.citebot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoggingTest {

    @TempDir
    Path tmp;

    @Test
    void should_read_a_root_level_and_levels_per_package() {
        var levels = Logging.Levels.parse(" warn , io.citebot.feeds=debug,org.eclipse.jetty=INFO");
        assertThat(levels.root()).isEqualTo(Level.WARN);
        assertThat(levels.byLogger()).containsExactly(Map.entry("io.citebot.feeds", Level.DEBUG), Map.entry("org.eclipse.jetty", Level.INFO));
        assertThat(Logging.Levels.parse("io.citebot=debug").root()).isEqualTo(Level.INFO);
    }

    @Test
    void should_name_a_bad_level_or_format() {
        assertThatThrownBy(() -> Logging.Levels.parse("loud")).hasMessageContaining("'loud' is not a level");
        assertThat(Logging.problem("info,=debug", null)).contains("names no logger");
        assertThat(Logging.problem("info,io.citebot=chatty", null)).contains("'chatty' is not a level");
        assertThat(Logging.problem(null, "xml")).contains("CITEBOT_LOG_FORMAT").contains("text or json");
        assertThat(Logging.problem("info", "JSON")).isNull();
    }

    record Run(int exit, String out, String err) {
    }

    private Run run(Map<String, String> env, String... args) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "io.citebot.App"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(Map.of("CITEBOT_DATA_DIR", tmp.resolve("data").toString(),
                "CITEBOT_SEEDS_DIR", TestFiles.SEEDS.toAbsolutePath().toString(),
                "CITEBOT_CONFIG", TestFiles.FIXTURES.resolve("empty.properties").toAbsolutePath().toString()));
        pb.environment().putAll(env);
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void should_write_every_line_as_json_when_asked_lucenes_included() throws Exception {
        Run r = run(Map.of("CITEBOT_LOG_FORMAT", "json", "CITEBOT_LOG_LEVEL", "info,io.citebot.index=debug"), "ingest",
                TestFiles.SEEDS.toAbsolutePath().toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).isNotEmpty();
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines) {
            events.add(json.readTree(line)); // throws on a line that is not JSON
        }
        assertThat(events).allSatisfy(e -> {
            assertThat(e.path("level").asText()).isIn("DEBUG", "INFO", "WARN", "ERROR");
            assertThat(e.path("loggerName").asText()).isNotEmpty();
            assertThat(e.path("formattedMessage").isTextual()).isTrue();
            assertThat(e.path("timestamp").isNumber()).isTrue();
        });
        assertThat(events).anySatisfy(e -> assertThat(e.path("formattedMessage").asText()).contains("Ingested"));
        // Lucene's own java.util.logging lines (here: started without the Vector API) come out as JSON too
        assertThat(events).anySatisfy(e -> assertThat(e.path("loggerName").asText()).startsWith("org.apache.lucene"));
        // the level named for one package applies to it alone
        assertThat(events).filteredOn(e -> e.path("level").asText().equals("DEBUG"))
                .allSatisfy(e -> assertThat(e.path("loggerName").asText()).startsWith("io.citebot.index"));
    }

    @Test
    void should_keep_a_one_shot_command_quiet_and_refuse_a_bad_setting() throws Exception {
        Run quiet = run(Map.of(), "ask", "What did Peskov say?");
        assertThat(quiet.exit()).as(quiet.err()).isZero();
        assertThat(quiet.err()).isEmpty();

        assertThat(quiet.out()).contains("[1]");
        Run bad = run(Map.of("CITEBOT_LOG_LEVEL", "loud"), "ask", "What did Peskov say?");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("citebot: CITEBOT_LOG_LEVEL: 'loud' is not a level (trace, debug, info, warn, error or off)");
    }
}
