package io.citebot.web;

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
    static final int DEFAULT_SEARCH_K = 5;

    private final ChatService chat;
    private final java.util.function.Supplier<java.util.List<?>> feeds;
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
        this.feeds = feeds;
        this.input = new JsonInput(json);
        this.access = new Access(api, gate);
        this.deadline = access.deadline();
        ArticleRoutes articleRoutes = new ArticleRoutes(chat, articles, input, access);
        FeedbackRoutes feedbackRoutes = new FeedbackRoutes(chat, input, access);
        this.links = new io.citebot.api.ArticleLinks(publicUrl, api.keys());
        this.articlePage = new ArticlePage(chat, links);
        OpenAiDoor openai = new OpenAiDoor(chat, links, api.sourcesList(), json, deadline);
        // the page's own origin: where people reach this server (a proxy may give the server another Host)
        java.util.List<String> origins = new java.util.ArrayList<>(api.corsOrigins());
        origins.add(publicUrl.replaceFirst("^(https?://[^/]+).*$", "$1"));
        EdgeGuard guard = new EdgeGuard(loopbackOnly, origins);
        Metrics metrics = new Metrics(chat);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(json, false));
            config.http.maxRequestSize = ArticleRoutes.MAX_REQUEST_BYTES;
            JsonErrorHandler errors = new JsonErrorHandler(json);
            ServerBounds.apply(config, errors, slowClients);
            config.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(errors));
            config.staticFiles.add("/public", Location.CLASSPATH);
            if (!api.corsOrigins().isEmpty()) {
                config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                    rule.allowHost(api.corsOrigins().getFirst(), api.corsOrigins().subList(1, api.corsOrigins().size()).toArray(String[]::new));
                    rule.exposeHeader("Retry-After");
                }));
            }
            config.routes.before(draining::before);
            config.routes.after(draining::after);
            config.routes.before(metrics::before);
            config.routes.after(metrics::after);
            config.routes.before(guard::check);
            config.routes.before(access::authorize);
            // bodies are read before a turn is taken, so clients that send slowly never hold an answering place
            route(config, "POST", "/api/chat", ctx -> {
                ChatRequest r = chatRequest(ctx);
                access.answering(ctx, () -> chat(ctx, r));
            });
            route(config, "POST", "/api/chat/stream", ctx -> {
                ChatRequest r = chatRequest(ctx);
                access.answering(ctx, () -> chatStream(ctx, r));
            });
            route(config, "GET", "/api/search", ctx -> access.answering(ctx, () -> search(ctx)));
            route(config, "GET", "/api/articles", this::articles);
            route(config, "GET", "/api/articles/{id}", articleRoutes::show);
            route(config, "POST", "/api/articles", articleRoutes::post);
            route(config, "PUT", "/api/articles/{id}", articleRoutes::put);
            route(config, "DELETE", "/api/articles/{id}", articleRoutes::delete);
            route(config, "GET", "/api/conversations/{id}", feedbackRoutes::conversation);
            route(config, "POST", "/api/feedback", feedbackRoutes::post);
            route(config, "GET", "/api/feedback", feedbackRoutes::list);
            route(config, "POST", "/v1/chat/completions", ctx -> {
                JsonNode body = jsonBody(ctx);
                access.answering(ctx, () -> openai.completions(ctx, body));
            });
            route(config, "GET", "/v1/models", openai::models);
            route(config, "GET", "/v1/models/{model}", openai::model);
            route(config, "GET", "/articles/{id}", articlePage::show);
            route(config, "GET", "/health", this::health);
            route(config, "POST", "/api/admin/backup", this::backup);
            route(config, "GET", "/metrics", ctx -> {
                access.requireAdmin(ctx);
                metrics.scrape(ctx);
            });
            route(config, "GET", "/openapi.json", ctx -> ctx.contentType("application/json").result(openApi()));
            doors.accept(config.routes);
            config.routes.exception(OpenAiError.class, (e, ctx) -> error(ctx, e.status(), e.getMessage(), e));
            config.routes.exception(InvalidInputException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
            config.routes.exception(io.citebot.chat.ConflictException.class, (e, ctx) -> error(ctx, 409, e.getMessage()));
            config.routes.exception(ValidationException.class, (e, ctx) -> error(ctx, 400, validationMessage(e)));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
            config.routes.exception(io.citebot.chat.StoreUnavailableException.class, (e, ctx) -> {
                ctx.header("Retry-After", String.valueOf(INDEX_RETRY_AFTER_SECONDS));
                error(ctx, 503, e.getMessage());
            });
            config.routes.exception(Exception.class, (e, ctx) -> {
                var unavailable = io.citebot.index.IndexUnavailableException.in(e);
                if (unavailable.isPresent()) {
                    log.warn("{} {}: {}", ctx.method(), ctx.path(), unavailable.get().getMessage());
                    ctx.header("Retry-After", String.valueOf(INDEX_RETRY_AFTER_SECONDS));
                    error(ctx, 503, "the search index is unavailable for now; try again shortly");
                    return;
                }
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

    private volatile Backups backups;

    /**
     * Lets {@code POST /api/admin/backup} {"dir"} make backups: an admin key's go under {@code folder} (a relative
     * dir resolves there); {@code citebot backup DIR} on this machine shows {@code localToken} (from the data
     * folder's server.json, readable by its owner only) and may write where it was told. Call before starting.
     */
    public WebApp withBackups(java.util.function.Function<java.nio.file.Path, Object> makeBackup, java.nio.file.Path folder,
                              String localToken) {
        this.backups = new Backups(makeBackup, folder.toAbsolutePath().normalize());
        access.trustLocalToken(localToken);
        return this;
    }

    private record Backups(java.util.function.Function<java.nio.file.Path, Object> make, java.nio.file.Path folder) {
    }

    /** The header by which {@code citebot backup} shows it can read this server's data folder. */
    public static final String LOCAL_TOKEN_HEADER = "X-Citebot-Local-Token";

    /** Seconds a client is asked to wait when the index backend cannot be reached. */
    static final int INDEX_RETRY_AFTER_SECONDS = 5;

    /** Readiness for load balancers: 503 while the index cannot be reached, so traffic goes to other replicas. */
    private void health(Context ctx) {
        try {
            ctx.json(HealthJson.of(chat.status(), feeds.get()));
        } catch (RuntimeException e) {
            var unavailable = io.citebot.index.IndexUnavailableException.in(e);
            if (unavailable.isEmpty()) {
                throw e;
            }
            ctx.status(503).header("Retry-After", String.valueOf(INDEX_RETRY_AFTER_SECONDS))
                    .json(java.util.Map.of("status", "unavailable", "ready", false, "error", "the search index is unavailable: "
                            + unavailable.get().getMessage()));
        }
    }

    private void backup(Context ctx) {
        var b = backups;
        if (b == null) {
            throw new HttpResponseException(403, "this server does not make backups");
        }
        boolean local = Access.isLocalCommand(ctx);
        if (!local) {
            access.requireAdmin(ctx);
        }
        String dir = requiredString(jsonBody(ctx), "dir");
        java.nio.file.Path target;
        try {
            target = local ? java.nio.file.Path.of(dir) : b.folder().resolve(dir).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new InvalidInputException("\"dir\" is not a usable path: " + e.getReason());
        }
        if (local && !target.isAbsolute()) {
            throw new InvalidInputException("\"dir\" must be an absolute path");
        }
        if (!local && !insideBackupFolder(target, b.folder())) {
            throw new HttpResponseException(403, "backups go into a new folder under the backup folder (CITEBOT_BACKUP_DIR)");
        }
        try {
            ctx.status(201).json(b.make().apply(target));
        } catch (java.io.UncheckedIOException e) {
            throw new InvalidInputException("could not write the backup to " + target + ": " + e.getCause().getMessage());
        }
    }

    /** Whether {@code target} lies below {@code folder}, also when followed through links (made if missing). */
    private static boolean insideBackupFolder(java.nio.file.Path target, java.nio.file.Path folder) {
        if (!target.startsWith(folder) || target.equals(folder)) {
            return false;
        }
        try {
            java.nio.file.Files.createDirectories(folder);
            java.nio.file.Path existing = target;
            while (!java.nio.file.Files.exists(existing)) {
                existing = existing.getParent();
            }
            return existing.toRealPath().startsWith(folder.toRealPath());
        } catch (java.io.IOException e) {
            throw new InvalidInputException("the backup folder " + folder + " cannot be used: " + e.getMessage());
        }
    }

    private final JsonInput input;
    private final Access access;
    private final Deadline deadline;
    private final ArticlePage articlePage;
    private final io.citebot.api.ArticleLinks links;
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

    /** Whether a listen address is loopback only (the default, 127.0.0.1), so the edge checks Host and Origin. */
    public static boolean isLoopback(String host) {
        return EdgeGuard.isLoopback(host.strip().toLowerCase(java.util.Locale.ROOT));
    }

    public Javalin javalin() {
        return app;
    }

    private final SlowClients slowClients = new SlowClients();
    private final Draining draining = new Draining(slowClients::open);

    /** How long a stop waits for requests in flight (SIGTERM: see {@link #stopGracefully}). */
    public static final java.time.Duration STOP_GRACE = java.time.Duration.ofSeconds(10);

    /**
     * Stops without leaving a request unanswered: no new connections, 503 JSON with {@code Connection: close} to
     * requests arriving meanwhile, requests in flight finish (up to {@link #STOP_GRACE}), then the server closes.
     */
    public void stopGracefully() {
        draining.stop(app, STOP_GRACE);
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
        ctx.json(ChatJson.of(links, deadline.within(ctx, () -> chat.ask(Access.owner(ctx), r.question(), r.conversationId(), r.options()))));
    }

    /**
     * {@code POST /api/chat/stream}: Server-Sent Events: {@code token} events ({"text"}) as the answer is
     * written, then one {@code done} event with the same JSON as {@code /api/chat} (the checked text, citations,
     * refused). A fault after the stream started ends it with an {@code error} event.
     */
    private void chatStream(Context ctx, ChatRequest r) {
        SseWriter sse = new SseWriter(ctx.res(), json);
        try {
            var reply = chat.stream(Access.owner(ctx), r.question(), r.conversationId(), r.options(), sse);
            sse.send("done", ChatJson.of(links, reply));
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

    /** The article list, a page at a time: {@code ?limit=} (1000 at most and by default), {@code ?after=} the last id seen. */
    private void articles(Context ctx) {
        int limit = ctx.queryParamAsClass("limit", Integer.class).getOrDefault(ChatService.MAX_ARTICLES_PAGE);
        var page = chat.articles(ctx.queryParam("after"), limit);
        String next = page.size() == limit ? page.getLast().id() : null;
        ctx.json(new ArticlesJson(page.stream().map(ArticleJson::of).toList(), next));
    }

    /** The body of a JSON route of at most {@link #MAX_REQUEST_BYTES}; see {@link JsonInput#body}. */
    JsonNode jsonBody(Context ctx) {
        return input.body(ctx, MAX_REQUEST_BYTES);
    }

    private static String requiredString(JsonNode body, String field) {
        return JsonInput.requiredString(body, field);
    }

    private static String optionalString(JsonNode body, String field) {
        return JsonInput.optionalString(body, field);
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
