package io.citebot.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.citebot.Backups;
import io.citebot.Citebot;
import io.citebot.Servers;
import io.citebot.TestFiles;
import io.citebot.config.ApiSettings;
import io.citebot.http.HttpServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route and method the server describes in {@code /openapi.json}, with each parameter and each body field in
 * turn missing, empty, of the wrong type and huge: never a 5xx, every 4xx a JSON {@code error} with no library
 * internals. Sent with an admin key, so the write and admin routes are reached too.
 */
class OpenApiFuzzTest {

    static final String ADMIN = "ck-fuzz-admin-0123456789";
    static final ObjectMapper json = new ObjectMapper();
    static final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    static Path tmp;

    static Citebot bot;
    static HttpServer web;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        bot = TestFiles.seedsBot(tmp.resolve("data"));
        web = Servers.of(bot).loopbackOnly(true).api(new ApiSettings(Set.of(), 0, List.of(), true).withAdminKeys(Set.of(ADMIN))).build()
                .withBackups(Backups.forServer(bot), tmp.resolve("backups"), null);
        web.javalin().start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + web.javalin().port();
    }

    @AfterAll
    static void stop() throws Exception {
        web.javalin().stop();
        bot.close();
    }

    /**
     * Values that stand in the place of a field or parameter: missing (null), empty, wrong types, huge (within the
     * 64 KB body limit: a body over it is refused before it is read, and the connection closed under the client's
     * upload, which WebInputTest covers), control characters.
     */
    static final List<Object> ODD = List.of("", 42, -1, 1.5, true, List.of(), Map.of(), "x".repeat(60_000), "\u0000", "\ud800");

    @Test
    void should_answer_every_described_route_with_odd_parameters_and_fields_without_a_5xx() throws Exception {
        JsonNode spec = json.readTree(send("GET", "/openapi.json", null).body());
        List<String> problems = new ArrayList<>();
        int sent = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = spec.get("paths").fields(); paths.hasNext(); ) {
            var path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                var op = ops.next();
                String method = op.getKey().toUpperCase(Locale.ROOT);
                Map<String, JsonNode> params = new LinkedHashMap<>();
                op.getValue().path("parameters").forEach(p -> params.put(p.get("name").asText(), p));
                JsonNode schema = resolve(spec, op.getValue().path("requestBody").path("content").path("application/json").path("schema"));
                ObjectNode valid = validBody(spec, schema);
                // each parameter in turn odd, the others valid
                for (String name : params.keySet()) {
                    for (Object odd : withMissing(ODD)) {
                        String url = url(path.getKey(), params, name, odd);
                        problems.addAll(check(method, url, valid == null ? null : valid.toString()));
                        sent++;
                    }
                }
                // each body field in turn odd, the others valid; then bodies that are not objects
                if (valid != null) {
                    String url = url(path.getKey(), params, null, null);
                    for (String field : fields(spec, schema)) {
                        for (Object odd : withMissing(ODD)) {
                            ObjectNode body = valid.deepCopy();
                            if (odd == null) {
                                body.remove(field);
                            } else {
                                body.set(field, json.valueToTree(odd));
                            }
                            problems.addAll(check(method, url, body.toString()));
                            sent++;
                        }
                    }
                    for (String odd : List.of("", "null", "[]", "42", "\"x\"", "{", valid + "x")) {
                        problems.addAll(check(method, url, odd));
                        sent++;
                    }
                }
                problems.addAll(check(method, url(path.getKey(), params, null, null), valid == null ? null : valid.toString()));
                sent++;
            }
        }
        assertThat(sent).as("requests sent").isGreaterThan(500);
        assertThat(problems).isEmpty();
    }

    private static List<Object> withMissing(List<Object> odd) {
        List<Object> all = new ArrayList<>();
        all.add(null);
        all.addAll(odd);
        return all;
    }

    /** The path with its parameters filled: the valid sample for each, {@code odd} for {@code oddName} (null: left out). */
    private static String url(String template, Map<String, JsonNode> params, String oddName, Object odd) {
        String path = template;
        List<String> query = new ArrayList<>();
        for (var p : params.entrySet()) {
            boolean isOdd = p.getKey().equals(oddName);
            String value = isOdd ? (odd == null ? null : odd instanceof String s ? s : String.valueOf(odd)) : sample(p.getKey(), p.getValue().path("schema"));
            if ("path".equals(p.getValue().path("in").asText())) {
                path = path.replace("{" + p.getKey() + "}", value == null || value.isEmpty() ? "x" : enc(value.length() > 5000 ? value.substring(0, 5000) : value));
            } else if (value != null) {
                query.add(p.getKey() + "=" + enc(value.length() > 5000 ? value.substring(0, 5000) : value));
            }
        }
        return path + (query.isEmpty() ? "" : "?" + String.join("&", query));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String sample(String name, JsonNode schema) {
        return switch (schema.path("type").asText()) {
            case "integer" -> "3";
            default -> switch (name) {
                case "q", "question" -> "What did Putin offer?";
                case "mode" -> "hybrid";
                case "from", "to", "now" -> "2025-04-04";
                case "collapse" -> "article";
                case "id" -> TestFiles.SEED_PUTIN;
                case "model" -> "citebot";
                default -> "x";
            };
        };
    }

    private static JsonNode resolve(JsonNode spec, JsonNode schema) {
        if (schema.has("$ref")) {
            return resolve(spec, spec.at(schema.get("$ref").asText().substring(1)));
        }
        if (schema.has("oneOf")) {
            return resolve(spec, schema.get("oneOf").get(0));
        }
        return schema;
    }

    private static List<String> fields(JsonNode spec, JsonNode schema) {
        List<String> names = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** An object with every required field set to a plausible value, or null for routes without a JSON body. */
    private static ObjectNode validBody(JsonNode spec, JsonNode schema) {
        if (!"object".equals(schema.path("type").asText())) {
            return null;
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        for (JsonNode required : schema.path("required")) {
            String name = required.asText();
            JsonNode field = resolve(spec, schema.path("properties").path(name));
            switch (field.path("type").asText()) {
                case "integer", "number" -> body.put(name, 1);
                case "array" -> {
                    var array = body.putArray(name);
                    JsonNode item = resolve(spec, field.path("items"));
                    if (name.equals("messages")) {
                        array.addObject().put("role", "user").put("content", "What did Putin offer?");
                    } else if ("object".equals(item.path("type").asText())) {
                        array.add(validBody(spec, item));
                    }
                }
                case "object" -> body.set(name, validBody(spec, field));
                default -> body.put(name, switch (name) {
                    case "rating" -> "up";
                    case "dir" -> "fuzz-" + System.nanoTime();
                    case "text" -> "The harbor's oldest tugboat was retired on Friday after 61 years of service.";
                    default -> sample(name, field);
                });
            }
        }
        return body;
    }

    private static List<String> check(String method, String url, String body) throws Exception {
        HttpResponse<String> r = send(method, url, body);
        String what = method + " " + url.substring(0, Math.min(120, url.length())) + " "
                + (body == null ? "" : body.substring(0, Math.min(120, body.length()))) + " -> " + r.statusCode() + " "
                + r.body().substring(0, Math.min(200, r.body().length()));
        if (r.statusCode() >= 500) {
            return List.of("server error: " + what);
        }
        if (r.body().contains("Exception") || r.body().contains("jackson") || r.body().contains("\tat ")) {
            return List.of("internals in the body: " + what);
        }
        if (r.statusCode() >= 400 && !method.equals("HEAD")) {
            JsonNode b;
            try {
                b = json.readTree(r.body());
            } catch (Exception e) {
                return List.of("error body is not JSON: " + what);
            }
            JsonNode error = b == null ? null : b.get("error");
            String message = error == null ? "" : error.isObject() ? error.path("message").asText() : error.asText();
            if (message.isBlank()) {
                return List.of("error without {\"error\"}: " + what);
            }
        }
        return List.of();
    }

    private static HttpResponse<String> send(String method, String url, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + url)).header("Authorization", "Bearer " + ADMIN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
