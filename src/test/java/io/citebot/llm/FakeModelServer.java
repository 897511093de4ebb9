package io.citebot.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A model provider on loopback, port 0, speaking the real wire formats: OpenAI's {@code /v1/chat/completions}
 * (JSON, or Server-Sent Events when the request says {@code "stream": true}) and Ollama's {@code /api/chat}
 * (JSON, or NDJSON when streaming). Each test scripts the replies; requests are recorded.
 */
public final class FakeModelServer implements AutoCloseable {

    /** One scripted reply. {@code tokens} make a streamed answer; {@code status} other than 200 makes an error. */
    public record Reply(int status, String body, List<String> tokens, long delayMillis, long tokenDelayMillis) {

        public static Reply text(String content) {
            return new Reply(200, null, List.of(content), 0, 0);
        }

        public static Reply tokens(String... tokens) {
            return new Reply(200, null, List.of(tokens), 0, 0);
        }

        public static Reply status(int status) {
            return new Reply(status, "{\"error\": {\"message\": \"scripted failure\", \"type\": \"server_error\"}}", List.of(), 0, 0);
        }

        public static Reply raw(String body) {
            return new Reply(200, body, List.of(), 0, 0);
        }

        public Reply delayed(long millis) {
            return new Reply(status, body, tokens, millis, tokenDelayMillis);
        }

        public Reply tokenDelay(long millis) {
            return new Reply(status, body, tokens, delayMillis, millis);
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedDeque<Reply> script = new ConcurrentLinkedDeque<>();
    private final List<JsonNode> requests = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger tokensWritten = new AtomicInteger();
    private final ObjectMapper json = new ObjectMapper();
    private volatile boolean clientWentAway;

    public FakeModelServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/chat/completions", ex -> handle(ex, false));
        server.createContext("/api/chat", ex -> handle(ex, true));
        server.start();
    }

    /** Base URL for the OpenAI-compatible provider. */
    public String openAiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Base URL for the Ollama provider. */
    public String ollamaUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public FakeModelServer then(Reply reply) {
        script.add(reply);
        return this;
    }

    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    public int tokensWritten() {
        return tokensWritten.get();
    }

    public boolean clientWentAway() {
        return clientWentAway;
    }

    private void handle(HttpExchange ex, boolean ollama) throws IOException {
        JsonNode request = json.readTree(ex.getRequestBody().readAllBytes());
        requests.add(request);
        Reply reply = script.isEmpty() ? Reply.status(500) : script.poll();
        sleep(reply.delayMillis());
        try (ex) {
            if (reply.status() != 200 || reply.body() != null) {
                byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(reply.status(), body.length);
                ex.getResponseBody().write(body);
                return;
            }
            boolean stream = request.path("stream").asBoolean(false);
            if (!stream) {
                String content = String.join("", reply.tokens());
                byte[] body = (ollama ? ollamaMessage(content, true) : openAiCompletion(content)).getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
                return;
            }
            ex.getResponseHeaders().set("Content-Type", ollama ? "application/x-ndjson" : "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            for (String token : reply.tokens()) {
                sleep(reply.tokenDelayMillis());
                String event = ollama ? ollamaMessage(token, false) + "\n" : "data: " + openAiChunk(token, null) + "\n\n";
                out.write(event.getBytes(StandardCharsets.UTF_8));
                out.flush();
                tokensWritten.incrementAndGet();
            }
            String end = ollama ? ollamaMessage("", true) + "\n" : "data: " + openAiChunk("", "stop") + "\n\ndata: [DONE]\n\n";
            out.write(end.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            clientWentAway = true;
        }
    }

    private String openAiCompletion(String content) throws IOException {
        var root = json.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion").put("created", 1).put("model", "fake");
        var choice = root.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        root.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 10).put("total_tokens", 20);
        return json.writeValueAsString(root);
    }

    private String openAiChunk(String token, String finish) throws IOException {
        var root = json.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion.chunk").put("created", 1).put("model", "fake");
        var choice = root.putArray("choices").addObject().put("index", 0);
        choice.putObject("delta").put("content", token);
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        return json.writeValueAsString(root);
    }

    private String ollamaMessage(String content, boolean done) throws IOException {
        var root = json.createObjectNode().put("model", "fake").put("created_at", "2025-01-01T00:00:00Z").put("done", done);
        root.putObject("message").put("role", "assistant").put("content", content);
        if (done) {
            root.put("done_reason", "stop").put("prompt_eval_count", 10).put("eval_count", 10);
        }
        return json.writeValueAsString(root);
    }

    private static void sleep(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
