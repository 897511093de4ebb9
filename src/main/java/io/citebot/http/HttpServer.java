package io.citebot.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.citebot.api.ApiModels.ErrorJson;
import io.citebot.api.ApiModels.HealthJson;
import io.citebot.api.ArticleLinks;
import io.citebot.chat.ChatService;
import io.citebot.chat.ConflictException;
import io.citebot.chat.InvalidInputException;
import io.citebot.chat.StoreUnavailableException;
import io.citebot.config.ApiSettings;
import io.citebot.index.IndexUnavailableException;
import io.citebot.json.Json;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.javalin.validation.ValidationException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server every HTTP door shares: the edge (Host and Origin checks, API keys and roles, rate limits, the
 * answer gate, bounds on slow clients, draining on stop), errors as JSON, metrics, health and backups. Doors
 * ({@link Door}) add their routes; the server imports none of them. Built with {@link #builder}; tests start
 * {@link #javalin()} on port 0 against a real index.
 */
public final class HttpServer {

    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    /** JSON requests larger than this are refused before they are read (a question is at most a few KB). */
    public static final long MAX_REQUEST_BYTES = 64 * 1024;
    /** The header by which {@code citebot backup} shows it can read this server's data folder. */
    public static final String LOCAL_TOKEN_HEADER = "X-Citebot-Local-Token";
    /** Seconds a client is asked to wait when the index backend cannot be reached. */
    static final int INDEX_RETRY_AFTER_SECONDS = 5;
    /** How long a stop waits for requests in flight (SIGTERM: see {@link #stopGracefully}). */
    public static final Duration STOP_GRACE = Duration.ofSeconds(10);
    /** Set when a route already wrote its own error, which the status-level handlers then keep. */
    private static final String ERROR_WRITTEN = "citebot.error";

    private final ChatService chat;
    private final Supplier<List<?>> feeds;
    private final ObjectMapper json = Json.mapper();
    private final JsonInput input = new JsonInput(json);
    private final Access access;
    private final ArticleLinks links;
    private final ApiSettings api;
    private final List<String> routes = new ArrayList<>();
    private final List<String> signedPrefixes = new ArrayList<>();
    private final Map<String, DoorRoutes.ErrorShape> errorShapes = new LinkedHashMap<>();
    private final SlowClients slowClients = new SlowClients();
    private final Draining draining = new Draining(slowClients::open);
    private final Javalin app;
    private volatile BackupRoute backups;

    /** What the server is built from; every setting has a default but the core. */
    public static final class Builder {
        private final ChatService chat;
        private boolean loopbackOnly;
        private String publicUrl = "http://localhost:7070";
        private ApiSettings api = ApiSettings.OPEN;
        private AnswerGate gate;
        private Supplier<List<?>> feeds = List::of;
        private final List<Door> doors = new ArrayList<>();

        private Builder(ChatService chat) {
            this.chat = chat;
        }

        /**
         * The server will listen on a loopback address: requests must name it as localhost (Host) and come from
         * its own pages (Origin), against DNS rebinding.
         */
        public Builder loopbackOnly(boolean loopbackOnly) {
            this.loopbackOnly = loopbackOnly;
            return this;
        }

        /** Where people reach this server (links to the article view, the page's own origin). */
        public Builder publicUrl(String publicUrl) {
            this.publicUrl = publicUrl;
            return this;
        }

        /** API keys, rate limit, CORS origins, the answer deadline. */
        public Builder api(ApiSettings api) {
            this.api = api;
            return this;
        }

        /** How many answers are composed at once, and how long a request waits for a place. */
        public Builder gate(AnswerGate gate) {
            this.gate = gate;
            return this;
        }

        /** What {@code /health} says of the followed feeds. */
        public Builder feeds(Supplier<List<?>> feeds) {
            this.feeds = feeds;
            return this;
        }

        public Builder door(Door door) {
            doors.add(door);
            return this;
        }

        public HttpServer build() {
            return new HttpServer(this);
        }
    }

    /**
     * Loads and initialises what building a server needs (Micrometer's registry, Jackson, Javalin and Jetty) by building
     * a throwaway one, never started. {@code serve} runs this on a thread of its own from its first moment: the
     * command line is read and the index opened on the main thread meanwhile, and the second core is otherwise idle
     * until the embedding model starts loading (listening 1.01–1.03 → 0.94–0.95 s, docs/benchmarks.md). Never throws.
     */
    public static void prepare() {
        try {
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT).close();
            Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                config.jsonMapper(new JavalinJackson(Json.mapper(), false));
                config.routes.get("/", ctx -> ctx.result(""));
            });
        } catch (RuntimeException | LinkageError e) {
            log.debug("Preparing the web server's classes failed; they load when the server is built: {}", e.toString());
        }
    }

    public static Builder builder(ChatService chat) {
        return new Builder(chat);
    }

    private HttpServer(Builder b) {
        this.chat = b.chat;
        this.feeds = b.feeds;
        this.api = b.api;
        this.access = new Access(b.api, b.gate != null ? b.gate : AnswerGate.forThisMachine());
        this.links = new ArticleLinks(b.publicUrl, b.api.keys());
        access.open(List.of("/health"));
        // the page's own origin: where people reach this server (a proxy may give the server another Host)
        List<String> origins = new ArrayList<>(b.api.corsOrigins());
        origins.add(b.publicUrl.replaceFirst("^(https?://[^/]+).*$", "$1"));
        EdgeGuard guard = new EdgeGuard(b.loopbackOnly, origins, signedPrefixes);
        Metrics metrics = new Metrics(chat, signedPrefixes);
        metrics.gate(access.gate());
        List<String> cors = b.api.corsOrigins();
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(json, false));
            config.http.maxRequestSize = JsonInput.MAX_BODY_BYTES;
            JsonErrorHandler errors = new JsonErrorHandler(json);
            ServerBounds.apply(config, errors, slowClients);
            config.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(errors));
            if (!cors.isEmpty()) {
                config.bundledPlugins.enableCors(plugin -> plugin.addRule(rule -> {
                    rule.allowHost(cors.getFirst(), cors.subList(1, cors.size()).toArray(String[]::new));
                    rule.exposeHeader("Retry-After");
                }));
            }
            config.routes.before(draining::before);
            config.routes.after(draining::after);
            config.routes.before(metrics::before);
            config.routes.after(metrics::after);
            config.routes.before(guard::check);
            config.routes.before(access::authorize);
            route(config, "GET", "/health", this::health);
            route(config, "POST", "/api/admin/backup", this::backup);
            route(config, "GET", "/metrics", ctx -> {
                access.requireAdmin(ctx);
                metrics.scrape(ctx);
            });
            DoorRoutes doorRoutes = new DoorRoutes(config, this);
            for (Door door : b.doors) {
                door.register(doorRoutes);
            }
            config.routes.exception(HttpError.class, (e, ctx) -> error(ctx, e.status(), e.getMessage(), e));
            config.routes.exception(InvalidInputException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
            config.routes.exception(ConflictException.class, (e, ctx) -> error(ctx, 409, e.getMessage()));
            config.routes.exception(ValidationException.class, (e, ctx) -> error(ctx, 400, validationMessage(e)));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
            config.routes.exception(StoreUnavailableException.class, (e, ctx) -> {
                ctx.header("Retry-After", String.valueOf(INDEX_RETRY_AFTER_SECONDS));
                error(ctx, 503, e.getMessage());
            });
            config.routes.exception(Exception.class, (e, ctx) -> {
                var unavailable = IndexUnavailableException.in(e);
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

    /**
     * Lets {@code POST /api/admin/backup} {"dir"} make backups: an admin key's go under {@code folder} (a relative
     * dir resolves there); {@code citebot backup DIR} on this machine shows {@code localToken} (from the data
     * folder's server.json, readable by its owner only) and may write where it was told. Call before starting.
     */
    public HttpServer withBackups(Function<Path, Object> makeBackup, Path folder, String localToken) {
        this.backups = new BackupRoute(makeBackup, folder, access, input);
        access.trustLocalToken(localToken);
        return this;
    }

    private void backup(Context ctx) {
        BackupRoute b = backups;
        if (b == null) {
            throw new HttpResponseException(403, "this server does not make backups");
        }
        b.handle(ctx);
    }

    /** The routes this server serves ("POST /api/chat"), for the OpenAPI document's test. */
    public List<String> routes() {
        return List.copyOf(routes);
    }

    /** Whether a listen address is loopback only (the default, 127.0.0.1), so the edge checks Host and Origin. */
    public static boolean isLoopback(String host) {
        return EdgeGuard.isLoopback(host.strip().toLowerCase(Locale.ROOT));
    }

    public Javalin javalin() {
        return app;
    }

    /**
     * Stops without leaving a request unanswered: no new connections, 503 JSON with {@code Connection: close} to
     * requests arriving meanwhile, requests in flight finish (up to {@link #STOP_GRACE}), then the server closes.
     */
    public void stopGracefully() {
        draining.stop(app, STOP_GRACE);
    }

    void route(JavalinConfig config, String method, String path, Handler handler) {
        routes.add(method + " " + path);
        switch (method) {
            case "GET" -> config.routes.get(path, handler);
            case "PUT" -> config.routes.put(path, handler);
            case "DELETE" -> config.routes.delete(path, handler);
            default -> config.routes.post(path, handler);
        }
    }

    Access access() {
        return access;
    }

    ObjectMapper json() {
        return json;
    }

    JsonInput input() {
        return input;
    }

    ApiSettings api() {
        return api;
    }

    ArticleLinks links() {
        return links;
    }

    Map<String, DoorRoutes.ErrorShape> errorShapes() {
        return errorShapes;
    }

    void signed(String prefix) {
        signedPrefixes.add(prefix);
    }

    /** Readiness for load balancers: 503 while the index cannot be reached, so traffic goes to other replicas. */
    private void health(Context ctx) {
        try {
            ctx.json(HealthJson.of(chat.status(), feeds.get()));
        } catch (RuntimeException e) {
            var unavailable = IndexUnavailableException.in(e);
            if (unavailable.isEmpty()) {
                throw e;
            }
            ctx.status(503).header("Retry-After", String.valueOf(INDEX_RETRY_AFTER_SECONDS))
                    .json(Map.of("status", "unavailable", "ready", false, "error", "the search index is unavailable: "
                            + unavailable.get().getMessage()));
        }
    }

    private static String validationMessage(ValidationException e) {
        return e.getErrors().entrySet().stream()
                .map(en -> en.getKey() + ": " + en.getValue().stream().map(v -> v.getMessage()).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
    }

    private void error(Context ctx, int status, String message) {
        error(ctx, status, message, null);
    }

    /** An error in the shape of the route's door ({@link DoorRoutes#errors}), {@code {"error": "..."}} by default. */
    private void error(Context ctx, int status, String message, HttpError refusal) {
        ctx.attribute(ERROR_WRITTEN, Boolean.TRUE);
        EdgeGuard.headers(ctx);
        DoorRoutes.ErrorShape shape = DoorRoutes.shapeFor(errorShapes, ctx.path());
        ctx.status(status).json(shape != null ? shape.body(status, message, refusal) : new ErrorJson(message));
    }
}
