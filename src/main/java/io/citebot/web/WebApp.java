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
import io.citebot.config.ApiSettings;
import io.citebot.openai.OpenAiDoor;
import io.citebot.openai.OpenAiError;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import java.util.function.Consumer;
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
    /** The write API's requests may carry up to {@value io.citebot.chat.ArticleService#MAX_BATCH} whole articles. */
    static final long MAX_ARTICLES_REQUEST_BYTES = 16 * 1024 * 1024;
    static final int DEFAULT_SEARCH_K = 5;
    /** A connection that sends nothing for this long (a stalled upload, a half-open client) is closed. */
    static final java.time.Duration IDLE_TIMEOUT = java.time.Duration.ofSeconds(10);
    /** Connections open at once; beyond, new ones wait in the accept queue. */
    static final int MAX_CONNECTIONS = 2_000;
    /** On stop, requests in flight get this long to finish. */
    static final java.time.Duration SHUTDOWN_GRACE = java.time.Duration.ofSeconds(15);

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
        this(chat, loopbackOnly, routes -> { });
    }

    /**
     * @param doors more doors mounted in the same server (the Slack door's routes), which authenticate their own
     *              requests and so are exempt from the loopback Host check and from API keys
     */
    public WebApp(ChatService chat, boolean loopbackOnly, Consumer<RoutesConfig> doors) {
        this(chat, loopbackOnly, "http://localhost:7070", ApiSettings.OPEN, AnswerGate.forThisMachine(), doors);
    }

    /**
     * @param publicUrl where people reach this server (links to the article view)
     * @param api       API keys, rate limit, CORS origins, the OpenAI door's sources list
     */
    public WebApp(ChatService chat, boolean loopbackOnly, String publicUrl, ApiSettings api, Consumer<RoutesConfig> doors) {
        this(chat, loopbackOnly, publicUrl, api, AnswerGate.forThisMachine(), doors);
    }

    WebApp(ChatService chat, boolean loopbackOnly, AnswerGate gate) {
        this(chat, loopbackOnly, "http://localhost:7070", ApiSettings.OPEN, gate, routes -> { });
    }

    WebApp(ChatService chat, boolean loopbackOnly, String publicUrl, ApiSettings api, AnswerGate gate, Consumer<RoutesConfig> doors) {
        this(chat, null, () -> java.util.List.of(), loopbackOnly, publicUrl, api, gate, doors);
    }

    /**
     * @param articles the write API's service (POST/PUT/DELETE /api/articles), or null when this server does not write
     * @param feeds    what {@code /health} says of the followed feeds
     */
    public WebApp(ChatService chat, io.citebot.chat.ArticleService articles, java.util.function.Supplier<java.util.List<?>> feeds,
                  boolean loopbackOnly, String publicUrl, ApiSettings api, Consumer<RoutesConfig> doors) {
        this(chat, articles, feeds, loopbackOnly, publicUrl, api, AnswerGate.forThisMachine(), doors);
    }

    WebApp(ChatService chat, io.citebot.chat.ArticleService articles, java.util.function.Supplier<java.util.List<?>> feeds,
           boolean loopbackOnly, String publicUrl, ApiSettings api, AnswerGate gate, Consumer<RoutesConfig> doors) {
        this.chat = chat;
        this.articleService = articles;
        this.keys = new ApiKeys(api.keys());
        this.limiter = new RateLimiter(api.ratePerMinute());
        this.gate = gate;
        this.deadline = new Deadline(api.deadline());
        this.articlePage = new ArticlePage(chat, keys.required() ? api.keys() : null);
        OpenAiDoor openai = new OpenAiDoor(chat, publicUrl, api.sourcesList(), json, articlePage::signature, new Deadline(api.deadline()));
        EdgeGuard guard = new EdgeGuard(loopbackOnly, api.corsOrigins());
        Metrics metrics = new Metrics(chat);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(json, false));
            config.http.maxRequestSize = MAX_ARTICLES_REQUEST_BYTES;
            JsonErrorHandler errors = new JsonErrorHandler(json);
            // Slow or half-open clients park a virtual thread each, not one of a few platform threads; a read
            // that stalls for IDLE_TIMEOUT ends the connection; past MAX_CONNECTIONS new ones wait to be accepted.
            config.concurrency.useVirtualThreads = true;
            config.jetty.modifyServer(server -> {
                server.setErrorHandler(errors);
                server.addBean(new org.eclipse.jetty.server.NetworkConnectionLimit(MAX_CONNECTIONS, server));
                server.setStopTimeout(SHUTDOWN_GRACE.toMillis());
                server.addEventListener(new org.eclipse.jetty.util.component.LifeCycle.Listener() {
                    @Override
                    public void lifeCycleStarting(org.eclipse.jetty.util.component.LifeCycle event) {
                        for (var connector : server.getConnectors()) {
                            if (connector instanceof org.eclipse.jetty.server.AbstractConnector c) {
                                c.setIdleTimeout(IDLE_TIMEOUT.toMillis());
                            }
                        }
                        // on stop, requests in flight finish (within the grace) before connections close
                        if (!(server.getHandler() instanceof org.eclipse.jetty.server.handler.GracefulHandler)) {
                            server.setHandler(new org.eclipse.jetty.server.handler.GracefulHandler(server.getHandler()));
                        }
                    }
                });
            });
            config.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(errors));
            config.staticFiles.add("/public", Location.CLASSPATH);
            if (!api.corsOrigins().isEmpty()) {
                config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                    rule.allowHost(api.corsOrigins().getFirst(), api.corsOrigins().subList(1, api.corsOrigins().size()).toArray(String[]::new));
                    rule.exposeHeader("Retry-After");
                }));
            }
            config.routes.before(metrics::before);
            config.routes.after(metrics::after);
            config.routes.before(guard::check);
            config.routes.before(this::authorize);
            // bodies are read before a turn is taken, so clients that send slowly never hold an answering place
            route(config, "POST", "/api/chat", ctx -> {
                ChatRequest r = chatRequest(ctx);
                answering(ctx, () -> chat(ctx, r));
            });
            route(config, "POST", "/api/chat/stream", ctx -> {
                ChatRequest r = chatRequest(ctx);
                answering(ctx, () -> chatStream(ctx, r));
            });
            route(config, "GET", "/api/search", ctx -> answering(ctx, () -> search(ctx)));
            route(config, "GET", "/api/articles", this::articles);
            route(config, "GET", "/api/articles/{id}", this::article);
            route(config, "POST", "/api/articles", this::postArticles);
            route(config, "PUT", "/api/articles/{id}", this::putArticle);
            route(config, "DELETE", "/api/articles/{id}", this::deleteArticle);
            route(config, "GET", "/api/conversations/{id}", this::conversation);
            route(config, "POST", "/api/feedback", this::postFeedback);
            route(config, "GET", "/api/feedback", this::listFeedback);
            route(config, "POST", "/v1/chat/completions", ctx -> {
                JsonNode body = jsonBody(ctx);
                answering(ctx, () -> openai.completions(ctx, body));
            });
            route(config, "GET", "/v1/models", openai::models);
            route(config, "GET", "/v1/models/{model}", openai::model);
            route(config, "GET", "/articles/{id}", articlePage::show);
            route(config, "GET", "/health", ctx -> ctx.json(HealthJson.of(chat.status(), feeds.get())));
            route(config, "POST", "/api/admin/backup", this::backup);
            route(config, "GET", "/metrics", metrics::scrape);
            route(config, "GET", "/openapi.json", ctx -> ctx.contentType("application/json").result(openApi()));
            doors.accept(config.routes);
            config.routes.exception(OpenAiError.class, (e, ctx) -> error(ctx, e.status(), e.getMessage(), e));
            config.routes.exception(InvalidInputException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
            config.routes.exception(io.citebot.chat.ConflictException.class, (e, ctx) -> error(ctx, 409, e.getMessage()));
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

    private final io.citebot.chat.ArticleService articleService;
    private volatile java.util.function.Function<java.nio.file.Path, Object> backup;

    /**
     * Lets {@code citebot backup} ask this server (which holds the index) for a backup: {@code POST /api/admin/backup}
     * {"dir"}, from this machine only (and with a key when keys are set). Call before starting.
     */
    public WebApp withBackups(java.util.function.Function<java.nio.file.Path, Object> makeBackup) {
        this.backup = makeBackup;
        return this;
    }

    private void backup(Context ctx) {
        var make = backup;
        if (make == null) {
            throw new HttpResponseException(403, "this server does not make backups");
        }
        try {
            if (!java.net.InetAddress.getByName(ctx.ip()).isLoopbackAddress()) {
                throw new HttpResponseException(403, "backups are asked for from the server's own machine (citebot backup DIR)");
            }
        } catch (java.net.UnknownHostException e) {
            throw new HttpResponseException(403, "backups are asked for from the server's own machine");
        }
        String dir = requiredString(jsonBody(ctx), "dir");
        java.nio.file.Path target = java.nio.file.Path.of(dir);
        if (!target.isAbsolute()) {
            throw new InvalidInputException("\"dir\" must be an absolute path");
        }
        ctx.status(201).json(make.apply(target));
    }
    private final ApiKeys keys;
    private final RateLimiter limiter;
    private final AnswerGate gate;
    private final Deadline deadline;
    private final ArticlePage articlePage;
    private final java.util.List<String> routes = new java.util.ArrayList<>();

    private void route(io.javalin.config.JavalinConfig config, String method, String path, io.javalin.http.Handler handler) {
        routes.add(method + " " + path);
        switch (method) {
            case "GET" -> config.routes.get(path, handler);
            case "PUT" -> config.routes.put(path, handler);
            case "DELETE" -> config.routes.delete(path, handler);
            default -> config.routes.post(path, handler);
        }
    }

    /** The OpenAPI document, written by scripts/openapi.py and shipped in the jar. */
    private static String openApi() {
        try (var in = WebApp.class.getResourceAsStream("/openapi.json")) {
            return new String(java.util.Objects.requireNonNull(in, "openapi.json is missing from the build").readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The routes this app serves ("POST /api/chat"), for the OpenAPI document's test. */
    public java.util.List<String> routes() {
        return java.util.List.copyOf(routes);
    }

    /**
     * With API keys configured, {@code /api/*}, {@code /v1/*} and {@code /metrics} need one: 401 with
     * {@code WWW-Authenticate: Bearer} otherwise. {@code /health}, the page and the Slack routes (signed) stay open.
     */
    private void authorize(Context ctx) {
        String path = ctx.path();
        boolean guarded = path.startsWith("/api/") || path.startsWith("/v1/") || path.equals("/metrics");
        if (!guarded || ctx.method() == io.javalin.http.HandlerType.OPTIONS) {
            return;
        }
        if (!keys.required()) {
            ctx.attribute(CALLER, "ip:" + ctx.ip());
            return;
        }
        String caller = keys.identify(ctx.header("Authorization"));
        if (caller == null) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"citebot\"");
            throw new OpenAiError(401, ctx.header("Authorization") == null
                    ? "an API key is required: send Authorization: Bearer <key>"
                    : "invalid API key", "invalid_api_key", null);
        }
        ctx.attribute(CALLER, caller);
    }

    /** Who is calling: "key-N" with keys, "ip:ADDRESS" without. */
    static final String CALLER = "citebot.caller";

    /** An answering route: within the caller's rate, then within the answer gate. */
    private void answering(Context ctx, Runnable work) {
        Object caller = ctx.attribute(CALLER);
        long waitMillis = limiter.acquire(caller == null ? "ip:" + ctx.ip() : caller.toString());
        if (waitMillis > 0) {
            ctx.header("Retry-After", String.valueOf(Math.max(1, (waitMillis + 999) / 1000)));
            ctx.header("retry-after-ms", String.valueOf(waitMillis));
            throw new OpenAiError(429, "rate limit reached: at most " + limiterRate() + " answers a minute; retry in "
                    + Math.max(1, (waitMillis + 999) / 1000) + " s", "rate_limit_exceeded", null);
        }
        gate.run(ctx, work);
    }

    private int limiterRate() {
        return limiter.perMinute();
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

    private void chat(Context ctx, ChatRequest r) {
        ctx.json(ChatJson.of(deadline.within(ctx, () -> chat.ask(r.question(), r.conversationId(), r.options()))));
    }

    /**
     * {@code POST /api/chat/stream}: Server-Sent Events: {@code token} events ({"text"}) as the answer is
     * written, then one {@code done} event with the same JSON as {@code /api/chat} (the checked text, citations,
     * refused). A fault after the stream started ends it with an {@code error} event.
     */
    private void chatStream(Context ctx, ChatRequest r) {
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
        ctx.json(SearchJson.of(deadline.within(ctx, () -> chat.search(q, k, options, "article".equals(collapse)))));
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

    /** The write routes need an API key: off (403) without keys configured; {@link #authorize} checked the key. */
    private io.citebot.chat.ArticleService writer() {
        if (articleService == null) {
            throw new HttpResponseException(403, "this server does not accept articles over HTTP");
        }
        if (!keys.required()) {
            throw new HttpResponseException(403, "the write API is off: set CITEBOT_API_KEYS (or CITEBOT_API_KEYS_FILE) and send"
                    + " Authorization: Bearer KEY");
        }
        return articleService;
    }

    /** {@code POST /api/articles}: one article, or {"articles": [...]}; 201 with the ids once all are answerable. */
    private void postArticles(Context ctx) {
        var service = writer();
        JsonNode body = jsonBody(ctx, MAX_ARTICLES_REQUEST_BYTES);
        java.util.List<io.citebot.chat.ArticleService.Submitted> batch = new java.util.ArrayList<>();
        if (body.has("articles")) {
            JsonNode list = body.get("articles");
            if (!list.isArray()) {
                throw new InvalidInputException("\"articles\" must be an array of articles");
            }
            for (int i = 0; i < list.size(); i++) {
                if (!list.get(i).isObject()) {
                    throw new InvalidInputException("articles[" + i + "] must be an object");
                }
                try {
                    batch.add(submitted(list.get(i), optionalString(list.get(i), "id")));
                } catch (InvalidInputException e) {
                    throw new InvalidInputException("articles[" + i + "]: " + e.getMessage());
                }
            }
        } else {
            batch.add(submitted(body, optionalString(body, "id")));
        }
        ctx.status(201).json(java.util.Map.of("ids", service.put(batch)));
    }

    /** {@code PUT /api/articles/{id}}: replaces (200) or creates (201) the article with this id. */
    private void putArticle(Context ctx) {
        var service = writer();
        String id = ctx.pathParam("id");
        JsonNode body = jsonBody(ctx, MAX_ARTICLES_REQUEST_BYTES);
        String bodyId = optionalString(body, "id");
        if (bodyId != null && !bodyId.equals(id)) {
            throw new InvalidInputException("the body's id \"" + bodyId + "\" is not the one in the address");
        }
        boolean existed = service.exists(id);
        ctx.status(existed ? 200 : 201).json(java.util.Map.of("ids", service.put(java.util.List.of(submitted(body, id)))));
    }

    /** {@code DELETE /api/articles/{id}}: 204, or 404 when there is no such article. */
    private void deleteArticle(Context ctx) {
        if (!writer().delete(ctx.pathParam("id"))) {
            throw new HttpResponseException(404, "no article " + ctx.pathParam("id"));
        }
        ctx.status(204);
    }

    private static io.citebot.chat.ArticleService.Submitted submitted(JsonNode node, String id) {
        return new io.citebot.chat.ArticleService.Submitted(id, optionalString(node, "title"), optionalString(node, "text"),
                optionalString(node, "date"), optionalString(node, "source"), optionalString(node, "url"));
    }

    /** {@code GET /api/articles/{id}}: one article with its passages. */
    private void article(Context ctx) {
        String id = ctx.pathParam("id");
        var view = chat.article(id).orElseThrow(() -> new HttpResponseException(404, "no article " + id));
        var stored = chat.articles().stream().filter(a -> a.id().equals(id)).findFirst();
        var a = view.article();
        var body = new java.util.LinkedHashMap<String, Object>();
        body.put("id", a.id());
        body.put("title", a.title());
        body.put("source", a.source());
        body.put("date", a.date());
        body.put("url", a.url());
        body.put("origin", stored.map(io.citebot.chat.ArticleService::originKind).orElse("file"));
        body.put("passages", view.passages().stream().map(h -> java.util.Map.of("passageId", h.passage().id(),
                "ordinal", h.passage().ordinal(), "text", h.passage().text())).toList());
        ctx.json(body);
    }

    private void articles(Context ctx) {
        ctx.json(new ArticlesJson(chat.articles().stream().map(ArticleJson::of).toList()));
    }

    /**
     * The body of a JSON route: {@code application/json} in UTF-8 only (415 otherwise, so that a web page cannot
     * post a plain-text or form body here), bytes that are UTF-8, one JSON object and nothing after it.
     */
    JsonNode jsonBody(Context ctx) {
        return jsonBody(ctx, MAX_REQUEST_BYTES);
    }

    private JsonNode jsonBody(Context ctx, long maxBytes) {
        ClientFaults.requireJson(ctx.header("Content-Type"));
        if (ctx.contentLength() > maxBytes) {
            throw new HttpResponseException(413, "request body is larger than " + maxBytes / 1024 + " KB");
        }
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length > maxBytes) {
            throw new HttpResponseException(413, "request body is larger than " + maxBytes / 1024 + " KB");
        }
        String body = ClientFaults.utf8(bytes);
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
        error(ctx, status, message, null);
    }

    /**
     * An error in the shape of the route's API: OpenAI's {@code {"error": {"message", "type", "param", "code"}}} under
     * {@code /v1/}, {@code {"error": "..."}} elsewhere.
     */
    private static void error(Context ctx, int status, String message, OpenAiError openAi) {
        ctx.attribute(ERROR_WRITTEN, Boolean.TRUE);
        EdgeGuard.headers(ctx);
        if (ctx.path().startsWith("/v1/")) {
            ctx.status(status).json(openAi != null ? openAi.body() : OpenAiError.body(status, message, null, null));
            return;
        }
        ctx.status(status).json(new ErrorJson(message));
    }
}
