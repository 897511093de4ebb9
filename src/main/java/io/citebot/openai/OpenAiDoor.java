package io.citebot.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.citebot.answer.Answer;
import io.citebot.chat.ChatService;
import io.citebot.chat.InvalidInputException;
import io.citebot.chat.SearchOptions;
import io.citebot.http.Deadline;
import io.citebot.http.Door;
import io.citebot.http.DoorRoutes;
import io.citebot.http.SseWriter;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenAI-compatible door: {@code POST /v1/chat/completions} and {@code GET /v1/models}, so that OpenAI's SDKs and
 * chat front ends with a custom base URL ask citebot as they would ask a model. Stateless: the caller sends the
 * history. Answers come from the same {@link ChatService} as every door; citations travel as {@code url_citation}
 * annotations, as a top-level {@code citations} array (the objects of {@code /api/chat}), and as a sources list
 * in the text.
 */
public final class OpenAiDoor implements Door {

    private static final Logger log = LoggerFactory.getLogger(OpenAiDoor.class);
    /** The one model this server offers. */
    public static final String MODEL = "citebot";
    /** When citebot's model list says it was made (a fixed date: the list never changes). */
    static final long CREATED = Instant.parse("2025-01-01T00:00:00Z").getEpochSecond();

    private final ChatService chat;
    private Completions completions;
    private ObjectMapper json;
    private Deadline deadline;

    public OpenAiDoor(ChatService chat) {
        this.chat = chat;
    }

    @Override
    public void register(DoorRoutes routes) {
        this.deadline = routes.deadline();
        this.json = routes.json();
        this.completions = new Completions(routes.links(), routes.api().sourcesList());
        routes.post("/v1/chat/completions", ctx -> {
            JsonNode body = routes.body(ctx);
            routes.answering(ctx, () -> completions(ctx, body));
        });
        routes.get("/v1/models", this::models);
        routes.get("/v1/models/{model}", this::model);
        routes.errors("/v1/", (status, message, refusal) -> refusal instanceof OpenAiError e ? e.body()
                : OpenAiError.body(status, message, refusal != null ? refusal.code() : null, null));
    }

    /** {@code GET /v1/models} */
    void models(Context ctx) {
        ctx.json(Map.of("object", "list", "data", List.of(model())));
    }

    /** {@code GET /v1/models/{model}} */
    void model(Context ctx) {
        if (!MODEL.equals(ctx.pathParam("model"))) {
            throw new OpenAiError(404, "The model `" + ctx.pathParam("model") + "` does not exist", "model_not_found", "model");
        }
        ctx.json(model());
    }

    private static Map<String, Object> model() {
        return Map.of("id", MODEL, "object", "model", "created", CREATED, "owned_by", "citebot");
    }

    /** {@code POST /v1/chat/completions}, with {@code body} already read as one JSON object. */
    void completions(Context ctx, JsonNode body) {
        CompletionRequest request = CompletionRequest.parse(body);
        String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
        long created = Instant.now().getEpochSecond();
        if (!request.stream()) {
            var reply = deadline.within(ctx, () -> answer(request));
            Answer answer = reply.answer();
            Completions.Rendered r = completions.render(answer);
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("role", "assistant");
            message.put("content", r.content());
            message.put("refusal", null);
            message.put("annotations", r.annotations());
            Map<String, Object> choice = new LinkedHashMap<>();
            choice.put("index", 0);
            choice.put("message", message);
            choice.put("logprobs", null);
            choice.put("finish_reason", "stop");
            Map<String, Object> completion = envelope(id, "chat.completion", created);
            completion.put("choices", List.of(choice));
            completion.put("usage", Completions.usage(request.promptChars(), r.content()));
            completion.put("citations", answer.citations());
            completion.put("related", answer.related());
            completion.put("refused", answer.refused());
            completion.put("searchedFor", reply.searchedFor());
            ctx.json(completion);
            return;
        }
        stream(ctx, request, id, created);
    }

    /**
     * Server-Sent Events in OpenAI's chunk format, data-only frames: the role, the content, a chunk with the
     * annotations and citations, {@code finish_reason: "stop"}, the usage when asked for, then {@code [DONE]}. The
     * content is sent once it is checked (a model's invented markers removed), so what a client has concatenated
     * always matches the citations. A failure after the stream started ends with an error frame.
     */
    private void stream(Context ctx, CompletionRequest request, String id, long created) {
        SseWriter sse = new SseWriter(ctx.res(), json);
        try {
            var reply = answer(request);
            Answer answer = reply.answer();
            Completions.Rendered r = completions.render(answer);
            sse.data(chunk(id, created, Map.of("role", "assistant", "content", ""), null));
            for (String piece : pieces(r.content())) {
                sse.data(chunk(id, created, Map.of("content", piece), null));
            }
            Map<String, Object> cited = chunk(id, created, Map.of("annotations", r.annotations()), null);
            cited.put("citations", answer.citations());
            cited.put("related", answer.related());
            cited.put("refused", answer.refused());
            cited.put("searchedFor", reply.searchedFor());
            sse.data(cited);
            sse.data(chunk(id, created, Map.of(), "stop"));
            if (request.includeUsage()) {
                Map<String, Object> usage = envelope(id, "chat.completion.chunk", created);
                usage.put("choices", List.of());
                usage.put("usage", Completions.usage(request.promptChars(), r.content()));
                sse.data(usage);
            }
            sse.data("[DONE]");
        } catch (RuntimeException e) {
            if (!sse.started()) {
                throw e;
            }
            log.error("Streaming completion failed", e);
            sse.data(OpenAiError.body(500, "internal error; see the server log", null, null));
        }
    }

    private ChatService.StatelessReply answer(CompletionRequest request) {
        try {
            return chat.answerWithHistory(request.question(), request.history(), SearchOptions.DEFAULT, null);
        } catch (InvalidInputException e) {
            throw OpenAiError.invalid(e.getMessage(), "messages");
        }
    }

    /** The content in pieces of about a line, so chat front ends render it as it arrives. */
    static List<String> pieces(String content) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < content.length()) {
            int end = Math.min(content.length(), start + 80);
            if (end < content.length()) {
                int space = content.lastIndexOf(' ', end);
                if (space > start) {
                    end = space + 1;
                }
                if (Character.isHighSurrogate(content.charAt(end - 1))) {
                    end--;
                }
            }
            pieces.add(content.substring(start, end));
            start = end;
        }
        return pieces;
    }

    private static Map<String, Object> chunk(String id, long created, Map<String, Object> delta, String finishReason) {
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("delta", delta);
        choice.put("logprobs", null);
        choice.put("finish_reason", finishReason);
        Map<String, Object> chunk = envelope(id, "chat.completion.chunk", created);
        chunk.put("choices", List.of(choice));
        return chunk;
    }

    private static Map<String, Object> envelope(String id, String object, long created) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("object", object);
        m.put("created", created);
        m.put("model", MODEL);
        m.put("system_fingerprint", null);
        return m;
    }
}
