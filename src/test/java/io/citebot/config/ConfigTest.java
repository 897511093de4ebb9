package io.citebot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
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

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "CITEBOT_LLM_PROVIDER=gpt                                   | CITEBOT_LLM_PROVIDER must be none, openai, ollama or jlama",
            "CITEBOT_LLM_PROVIDER=openai                                | CITEBOT_LLM_MODEL is required with CITEBOT_LLM_PROVIDER=openai",
            "CITEBOT_LLM_PROVIDER=openai,CITEBOT_LLM_MODEL=gpt-4o-mini  | CITEBOT_LLM_API_KEY is required for api.openai.com",
            "CITEBOT_LLM_PROVIDER=ollama,CITEBOT_LLM_MODEL=x,CITEBOT_LLM_BASE_URL=localhost:11434 | CITEBOT_LLM_BASE_URL must be an http:// or https:// URL",
            "CITEBOT_LLM_TIMEOUT=soon                                   | CITEBOT_LLM_TIMEOUT must be a duration",
            "CITEBOT_LLM_RETRIES=-1                                     | CITEBOT_LLM_RETRIES must be between 0 and 10",
            "CITEBOT_SLACK_BOT_TOKEN=xoxb-1                             | CITEBOT_SLACK_SIGNING_SECRET is needed too",
            "CITEBOT_SLACK_BOT_TOKEN=xoxb-1,CITEBOT_SLACK_APP_TOKEN=xoxb-2 | CITEBOT_SLACK_APP_TOKEN must be an app-level token",
            "CITEBOT_SLACK_APP_TOKEN=xapp-1                             | CITEBOT_SLACK_BOT_TOKEN is needed too",
            "CITEBOT_SLACK_SIGNING_SECRET=s                             | CITEBOT_SLACK_BOT_TOKEN is needed too",
            "CITEBOT_SLACK_SIGNING_SECRET=s,CITEBOT_SLACK_BOT_TOKEN=xoxp-1 | CITEBOT_SLACK_BOT_TOKEN must be the app's Bot User OAuth Token",
            "CITEBOT_SLACK_CHANNELS_OFF=#general                        | CITEBOT_SLACK_CHANNELS_OFF must list channel ids",
            "CITEBOT_SLACK_COMMAND_VISIBILITY=public                    | CITEBOT_SLACK_COMMAND_VISIBILITY must be ephemeral or in_channel",
            "CITEBOT_PUBLIC_URL=citebot.example.org                     | CITEBOT_PUBLIC_URL must be an http:// or https:// URL",
            "CITEBOT_INDEX_BACKEND=elasticsearch                        | CITEBOT_INDEX_BACKEND must be lucene or solr",
            "CITEBOT_INDEX_BACKEND=solr                                 | CITEBOT_SOLR_URL is required with CITEBOT_INDEX_BACKEND=solr",
            "CITEBOT_INDEX_BACKEND=solr,CITEBOT_SOLR_URL=solr1:8983     | CITEBOT_SOLR_URL must list Solr node URLs",
            "CITEBOT_INDEX_BACKEND=solr,CITEBOT_SOLR_URL=http://s:8983/solr,CITEBOT_SOLR_COLLECTION=my news | CITEBOT_SOLR_COLLECTION must be a Solr collection name",
            "CITEBOT_INDEX_BACKEND=solr,CITEBOT_SOLR_URL=http://s:8983/solr,CITEBOT_SOLR_SHARDS=0 | CITEBOT_SOLR_SHARDS must be between 1 and 1024"})
    void should_name_the_variable_of_a_bad_model_setting(String settings, String message) {
        Map<String, String> env = new HashMap<>(Map.of("CITEBOT_CONFIG", write("")));
        for (String kv : settings.split(",")) {
            env.put(kv.substring(0, kv.indexOf('=')).strip(), kv.substring(kv.indexOf('=') + 1).strip());
        }
        assertThatThrownBy(() -> Config.load(env)).isInstanceOf(ConfigException.class).hasMessageStartingWith(message);
    }

    @Test
    void should_read_model_settings_with_defaults_per_provider_and_the_key_only_from_the_environment() {
        Config ollama = Config.load(Map.of("CITEBOT_CONFIG", write("llm.provider=ollama\nllm.model=llama3.2\nllm.timeout=45s\n")));
        assertThat(ollama.llm().baseUrl()).isEqualTo("http://localhost:11434");
        assertThat(ollama.llm().timeout()).isEqualTo(Duration.ofSeconds(45));

        Config local = Config.load(Map.of("CITEBOT_CONFIG", write("llm.api_key=from-file\n"), "CITEBOT_LLM_PROVIDER", "openai",
                "CITEBOT_LLM_BASE_URL", "http://127.0.0.1:8080/v1/", "CITEBOT_LLM_MODEL", "qwen", "CITEBOT_LLM_RETRY_DELAY", "250ms"));
        assertThat(local.llm().baseUrl()).isEqualTo("http://127.0.0.1:8080/v1");
        assertThat(local.llm().apiKey()).isNull();
        assertThat(local.llm().retryDelay()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void should_read_slack_settings_with_secrets_only_from_the_environment() {
        Config off = Config.load(Map.of("CITEBOT_CONFIG", write("slack.signing_secret=from-file\n")));
        assertThat(off.slack().enabled()).isFalse();
        assertThat(off.publicUrl()).isEqualTo("http://localhost:7070");
        Config on = Config.load(Map.of("CITEBOT_CONFIG", write("slack.channels_off=C1AB, C2CD\nslack.command_visibility=in_channel\n"
                        + "server.public_url=https://news.example.org/bot/\n"),
                "CITEBOT_SLACK_SIGNING_SECRET", "s3cr3t", "CITEBOT_SLACK_BOT_TOKEN", "xoxb-123"));
        assertThat(on.slack().enabled()).isTrue();
        assertThat(on.slack().channelsOff()).containsExactlyInAnyOrder("C1AB", "C2CD");
        assertThat(on.slack().commandInChannel()).isTrue();
        assertThat(on.publicUrl()).isEqualTo("https://news.example.org/bot");
        assertThat(on.toString()).doesNotContain("s3cr3t").doesNotContain("xoxb-123");
        assertThat(on.with(null, 8080).publicUrl()).isEqualTo("https://news.example.org/bot");
        assertThat(off.with(null, 8080).publicUrl()).isEqualTo("http://localhost:8080");
    }

    @Test
    void should_read_the_solr_backend_settings() {
        Config c = Config.load(Map.of("CITEBOT_CONFIG", write(""), "CITEBOT_INDEX_BACKEND", "SOLR",
                "CITEBOT_SOLR_URL", " http://solr1:8983/solr/, http://solr2:8983/solr ", "CITEBOT_SOLR_REPLICAS", "3"));
        assertThat(c.index().solr()).isTrue();
        assertThat(c.index().solrUrls()).containsExactly("http://solr1:8983/solr", "http://solr2:8983/solr");
        assertThat(c.index().collection()).isEqualTo("citebot");
        assertThat(c.index().shards()).isEqualTo(2);
        assertThat(c.index().replicas()).isEqualTo(3);
        assertThat(Config.load(Map.of("CITEBOT_CONFIG", write(""))).index().solr()).isFalse();
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
