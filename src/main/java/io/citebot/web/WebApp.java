package io.citebot.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.citebot.Json;
import io.citebot.api.ApiModels.ArticleJson;
import io.citebot.api.ApiModels.ArticlesJson;
import io.citebot.api.ApiModels.ChatJson;
import io.citebot.api.ApiModels.ErrorJson;
import io.citebot.api.ApiModels.HealthJson;
import io.citebot.api.ApiModels.SearchJson;
import io.citebot.chat.ChatService;
import io.citebot.chat.SearchOptions;
import io.citebot.chat.InvalidInputException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.javalin.validation.ValidationException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP door: JSON API and chat page. It takes the core in its constructor and exposes the {@link Javalin}
 * instance, so tests start it on port 0 against a real index.
 */
public final class WebApp {

    private static final Logger log = LoggerFactory.getLogger(WebApp.class);
    /** Requests larger than this are refused before they are read (a question is at most a few KB). */
    static final long MAX_REQUEST_BYTES = 64 * 1024;
    static final int DEFAULT_SEARCH_K = 5;

    private final ChatService chat;
    private final ObjectMapper json = Json.mapper();
    private final Javalin app;

    public WebApp(ChatService chat) {
        this(chat, false);
    }

    /**
     * @param loopbackOnly the server will listen on a loopback address: requests must name it as localhost
     *                     (Host) and come from its own pages (Origin), against DNS rebinding
     */
    public WebApp(ChatService chat, boolean loopbackOnly) {
        this(chat, loopbackOnly, AnswerGate.forThisMachine(), routes -> { });
    }

    /**
     * @param doors more doors mounted in the same server (the Slack door's routes), which authenticate their own
     *              requests and so are exempt from the loopback Host check
     */
    public WebApp(ChatService chat, boolean loopbackOnly, java.util.function.Consumer<io.javalin.config.RoutesConfig> doors) {
        this(chat, loopbackOnly, AnswerGate.forThisMachine(), doors);
    }

    WebApp(ChatService chat, boolean loopbackOnly, AnswerGate gate) {
        this(chat, loopbackOnly, gate, routes -> { });
    }

    WebApp(ChatService chat, boolean loopbackOnly, AnswerGate gate, java.util.function.Consumer<io.javalin.config.RoutesConfig> doors) {
        this.chat = chat;
        EdgeGuard guard = new EdgeGuard(loopbackOnly);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(json, false));
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            JsonErrorHandler errors = new JsonErrorHandler(json);
            config.jetty.modifyServer(server -> server.setErrorHandler(errors));
            config.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(errors));
            config.staticFiles.add("/public", Location.CLASSPATH);
            config.routes.before(guard::check);
            config.routes.post("/api/chat", ctx -> gate.run(ctx, () -> chat(ctx)));
            config.routes.post("/api/chat/stream", ctx -> gate.run(ctx, () -> chatStream(ctx)));
            config.routes.get("/api/search", ctx -> gate.run(ctx, () -> search(ctx)));
            config.routes.get("/api/articles", this::articles);
            config.routes.get("/api/conversations/{id}", this::conversation);
            config.routes.post("/api/feedback", this::postFeedback);
            config.routes.get("/api/feedback", this::listFeedback);
            doors.accept(config.routes);
            config.routes.get("/health", ctx -> ctx.json(HealthJson.of(chat.status())));
            config.routes.exception(InvalidInputException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
            config.routes.exception(ValidationException.class, (e, ctx) -> error(ctx, 400, validationMessage(e)));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                if (ClientFaults.isClientFault(e)) {
                    log.info("Bad request on {} {}: {}", ctx.method(), ctx.path(), ClientFaults.describe(e));
                    error(ctx, 400, "the request could not be read: " + ClientFaults.describe(e));
                    return;
                }
                log.error("Unhandled error on {} {}", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal error; see the server log");
            });
            config.routes.error(404, ctx -> {
                if (ctx.attribute(ERROR_WRITTEN) == null) {
                    error(ctx, 404, "not found: " + ctx.method() + " " + ctx.path());
                }
            });
            config.routes.error(405, ctx -> error(ctx, 405, "method not allowed: " + ctx.method() + " " + ctx.path()));
        });
    }

    /** Whether a listen address is loopback only (the default, 127.0.0.1), so the edge checks Host and Origin. */
    public static boolean isLoopback(String host) {
        return EdgeGuard.isLoopback(host.strip().toLowerCase(java.util.Locale.ROOT));
    }

    public Javalin javalin() {
        return app;
    }

    /** A chat request's fields, read and checked before anything is answered. */
    private record ChatRequest(String question, String conversationId, SearchOptions options) {
    }

    private ChatRequest chatRequest(Context ctx) {
        JsonNode body = jsonBody(ctx);
        String question = requiredString(body, "question");
        String conversationId = optionalString(body, "conversationId");
        SearchOptions options = SearchOptions.parse(optionalString(body, "mode"), optionalString(body, "from"),
                optionalString(body, "to"), optionalString(body, "source"), optionalString(body, "now"));
        return new ChatRequest(question, conversationId, options);
    }

    private void chat(Context ctx) {
        ChatRequest r = chatRequest(ctx);
        ctx.json(ChatJson.of(chat.ask(r.question(), r.conversationId(), r.options())));
    }

    /**
     * {@code POST /api/chat/stream}: Server-Sent Events: {@code token} events ({"text"}) as the answer is
     * written, then one {@code done} event with the same JSON as {@code /api/chat} (the checked text, citations,
     * refused). A fault after the stream started ends it with an {@code error} event.
     */
    private void chatStream(Context ctx) {
        ChatRequest r = chatRequest(ctx);
        SseWriter sse = new SseWriter(ctx.res(), json);
        try {
            var reply = chat.stream(r.question(), r.conversationId(), r.options(), sse);
            sse.send("done", ChatJson.of(reply));
        } catch (RuntimeException e) {
            if (!sse.started()) {
                throw e;
            }
            log.error("Streaming answer failed", e);
            sse.send("error", new ErrorJson(e instanceof InvalidInputException ? e.getMessage() : "internal error; see the server log"));
        }
    }

    private void search(Context ctx) {
        String q = ctx.queryParam("q");
        if (q == null || q.isBlank()) {
            throw new InvalidInputException("query parameter q is required");
        }
        int k = ctx.queryParamAsClass("k", Integer.class).getOrDefault(DEFAULT_SEARCH_K);
        SearchOptions options = SearchOptions.parse(ctx.queryParam("mode"), ctx.queryParam("from"), ctx.queryParam("to"),
                ctx.queryParam("source"), ctx.queryParam("now"));
        String collapse = ctx.queryParam("collapse");
        if (collapse != null && !collapse.equals("article") && !collapse.equals("passage")) {
            throw new InvalidInputException("collapse must be article or passage");
        }
        ctx.json(SearchJson.of(chat.search(q, k, options, "article".equals(collapse))));
    }

    /** {@code GET /api/conversations/{id}}: the turns of a conversation, for a page that continues it. */
    private void conversation(Context ctx) {
        String id = ctx.pathParam("id");
        var turns = chat.history(id);
        if (turns.isEmpty()) {
            throw new HttpResponseException(404, "unknown or expired conversation");
        }
        ctx.json(new io.citebot.api.ApiModels.ConversationJson(id, turns.stream().map(io.citebot.api.ApiModels.TurnJson::of).toList()));
    }

    /** {@code POST /api/feedback} {"conversationId", "turn"?, "rating": "up"|"down", "comment"?}: 201 with the entry. */
    private void postFeedback(Context ctx) {
        JsonNode body = jsonBody(ctx);
        JsonNode turn = body.get("turn");
        if (turn != null && !turn.isNull() && !(turn.isIntegralNumber() && turn.canConvertToInt())) {
            throw new InvalidInputException("\"turn\" must be a whole number");
        }
        var entry = chat.feedback(requiredString(body, "conversationId"), turn == null || turn.isNull() ? null : turn.intValue(),
                requiredString(body, "rating"), optionalString(body, "comment"), "web", null);
        ctx.status(201).json(io.citebot.api.ApiModels.FeedbackJson.of(entry));
    }

    /** {@code GET /api/feedback?limit=N}: the newest votes first. */
    private void listFeedback(Context ctx) {
        int limit = ctx.queryParamAsClass("limit", Integer.class).check(n -> n >= 1 && n <= 1000, "must be between 1 and 1000")
                .getOrDefault(100);
        ctx.json(new io.citebot.api.ApiModels.FeedbackListJson(chat.feedback(limit).stream()
                .map(io.citebot.api.ApiModels.FeedbackJson::of).toList()));
    }

    private void articles(Context ctx) {
        ctx.json(new ArticlesJson(chat.articles().stream().map(ArticleJson::of).toList()));
    }

    /**
     * The body of a JSON route: {@code application/json} in UTF-8 only (415 otherwise, so that a web page cannot
     * post a plain-text or form body here), bytes that are UTF-8, one JSON object and nothing after it.
     */
    private JsonNode jsonBody(Context ctx) {
        ClientFaults.requireJson(ctx.header("Content-Type"));
        String body = ClientFaults.utf8(ctx.bodyAsBytes());
        if (body.isBlank()) {
            throw new InvalidInputException("request body must be a JSON object, e.g. {\"question\": \"...\"}");
        }
        try {
            JsonNode node = json.reader().with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
            if (node == null || !node.isObject()) {
                throw new InvalidInputException("request body must be a JSON object, e.g. {\"question\": \"...\"}");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("malformed JSON: " + e.getOriginalMessage());
        }
    }

    private static String requiredString(JsonNode body, String field) {
        String value = optionalString(body, field);
        if (value == null) {
            throw new InvalidInputException("\"" + field + "\" is required");
        }
        return value;
    }

    private static String optionalString(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new InvalidInputException("\"" + field + "\" must be a string");
        }
        return v.asText();
    }

    private static String validationMessage(ValidationException e) {
        return e.getErrors().entrySet().stream()
                .map(en -> en.getKey() + ": " + en.getValue().stream().map(v -> v.getMessage()).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
    }

    /** Set when a route already wrote its own error, which the status-level handlers then keep. */
    private static final String ERROR_WRITTEN = "citebot.error";

    private static void error(Context ctx, int status, String message) {
        ctx.attribute(ERROR_WRITTEN, Boolean.TRUE);
        EdgeGuard.headers(ctx);
        ctx.status(status).json(new ErrorJson(message));
    }
}
