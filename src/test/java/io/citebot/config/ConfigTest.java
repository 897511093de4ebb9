package io.citebot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigTest {

    @TempDir
    Path tmp;

    @Test
    void should_use_defaults() {
        Config c = Config.load(Map.of("CITEBOT_CONFIG", write("")));
        assertThat(c.port()).isEqualTo(7070);
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.indexDir()).isEqualTo(Path.of("data", "index"));
        assertThat(c.minConfidence()).isEqualTo(0.6);
    }

    @Test
    void should_read_the_file_and_let_the_environment_win() {
        // given
        String file = write("server.port=8080\nretrieval.top_k=4\ndata.dir=/tmp/x\n");

        // when
        Config c = Config.load(Map.of("CITEBOT_CONFIG", file, "CITEBOT_PORT", "9090"));

        // then
        assertThat(c.port()).isEqualTo(9090);
        assertThat(c.topK()).isEqualTo(4);
        assertThat(c.dataDir()).isEqualTo(Path.of("/tmp/x"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "CITEBOT_PORT           | abc  | CITEBOT_PORT must be a whole number",
            "CITEBOT_PORT           | 70000| CITEBOT_PORT must be between 0 and 65535",
            "CITEBOT_TOP_K          | 0    | CITEBOT_TOP_K must be between 1 and 100",
            "CITEBOT_MIN_CONFIDENCE | 1.5  | CITEBOT_MIN_CONFIDENCE must be between",
            "CITEBOT_MIN_CONFIDENCE | NaN  | CITEBOT_MIN_CONFIDENCE must be between",
            "CITEBOT_DATA_DIR       | ' '  | CITEBOT_DATA_DIR must not be empty"})
    void should_fail_with_the_variable_name_on_a_bad_value(String key, String value, String message) {
        assertThatThrownBy(() -> Config.load(Map.of("CITEBOT_CONFIG", write(""), key, value)))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith(message);
    }

    @Test
    void should_fail_on_a_missing_config_file() {
        assertThatThrownBy(() -> Config.load(Map.of("CITEBOT_CONFIG", tmp.resolve("nope.properties").toString())))
                .hasMessageContaining("CITEBOT_CONFIG");
    }

    private String write(String content) {
        try {
            Path p = Files.createTempFile(tmp, "citebot", ".properties");
            Files.writeString(p, content);
            return p.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
