package io.citebot.web;

import io.citebot.Citebot;
import io.citebot.Servers;
import io.citebot.TestFiles;
import io.citebot.config.SlackSettings;
import io.citebot.http.HttpServer;
import io.citebot.slack.SlackDoor;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /openapi.json} read by a real OpenAPI parser (swagger-parser), and kept equal to the routes the server registers. */
class OpenApiTest {

    @TempDir
    Path tmp;

    @Test
    void should_serve_a_valid_document_of_exactly_the_registered_routes() throws Exception {
        try (Citebot bot = TestFiles.seedsBot(tmp.resolve("data"))) {
            // Slack's routes are there with a signing secret; its Web API is never called here
            SlackSettings slackSettings = new SlackSettings("secret", "xoxb-test-token", "http://127.0.0.1:9/api/", false,
                    Set.of(), Set.of(), true, null);
            SlackDoor slack = new SlackDoor(bot.chat(), slackSettings, "http://localhost:7070");
            HttpServer web = Servers.of(bot).loopbackOnly(true).door(slack).build();
            web.javalin().start("127.0.0.1", 0);
            try {
                HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + web.javalin().port() + "/openapi.json")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);

                ParseOptions options = new ParseOptions();
                options.setResolve(true);
                var parsed = new OpenAPIV3Parser().readContents(r.body(), null, options);
                assertThat(parsed.getMessages()).isEmpty();
                assertThat(parsed.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");

                Set<String> documented = new TreeSet<>();
                parsed.getOpenAPI().getPaths().forEach((path, item) -> item.readOperationsMap()
                        .forEach((method, op) -> documented.add(method.name() + " " + path)));
                Set<String> registered = new TreeSet<>(web.routes());
                assertThat(documented).isEqualTo(registered);
            } finally {
                web.javalin().stop();
                slack.close();
            }
        }
    }
}
