package io.citebot.openai;

import io.citebot.Servers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.citebot.Citebot;
import io.citebot.TestFiles;
import io.citebot.http.HttpServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official OpenAI Node SDK (npm {@code openai}, pinned in {@code src/test/node}) against {@code /v1}: a script
 * asks once, once streaming, and once with an unknown model. CI installs the package ({@code npm ci --prefix
 * src/test/node}); elsewhere the test is skipped when it is not installed.
 */
class OpenAiNodeClientTest {

    static final Path SCRIPT_DIR = Path.of("src/test/node");

    @TempDir
    Path tmp;

    @Test
    void should_answer_the_official_node_sdk() throws Exception {
        assumeTrue(Files.isDirectory(SCRIPT_DIR.resolve("node_modules/openai")) || System.getenv("CI") != null,
                "npm ci --prefix src/test/node installs the OpenAI Node SDK");
        try (Citebot bot = TestFiles.seedsBot(tmp.resolve("data"))) {
            HttpServer web = Servers.of(bot.chat()).loopbackOnly(true).build();
            web.javalin().start("127.0.0.1", 0);
            try {
                Process node = new ProcessBuilder("node", "client.mjs", "http://127.0.0.1:" + web.javalin().port() + "/v1")
                        .directory(SCRIPT_DIR.toFile()).redirectErrorStream(true).start();
                String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(node.exitValue()).as(output).isZero();
                JsonNode r = new ObjectMapper().readTree(output.lines().reduce((a, b) -> b).orElseThrow());
                assertThat(r.get("content").asText()).contains("Peskov").contains("[1]");
                assertThat(r.get("annotations").get(0).get("type").asText()).isEqualTo("url_citation");
                assertThat(r.get("citations").get(0).get("articleId").asText()).isNotBlank();
                assertThat(r.get("streamed").asText()).isEqualTo(r.get("content").asText());
                assertThat(r.get("streamCitations")).hasSameSizeAs(r.get("citations"));
                assertThat(r.get("finish").asText()).isEqualTo("stop");
                // chat.completions.stream(...).finalChatCompletion(): the content and typed annotations survive
                assertThat(r.get("finalContent").asText()).isEqualTo(r.get("content").asText());
                assertThat(r.get("finalAnnotations")).isEqualTo(r.get("annotations"));
                assertThat(r.get("error").get("status").asInt()).isEqualTo(404);
                assertThat(r.get("error").get("code").asText()).isEqualTo("model_not_found");
            } finally {
                web.javalin().stop();
            }
        }
    }
}
