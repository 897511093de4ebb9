package io.citebot.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.citebot.api.ArticleLinks;
import io.citebot.config.ApiSettings;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;
import java.util.Map;

/**
 * What a {@link Door} gets from the server while it is built: route registration and the edge every door shares
 * (keys and roles, the rate limit and answer gate, deadlines, JSON input, links to articles).
 */
public final class DoorRoutes {

    /** The JSON body of an error in a door's own protocol. */
    @FunctionalInterface
    public interface ErrorShape {
        /** @param error the refusal when there was one (its code, its protocol's own fields), or null */
        Object body(int status, String message, HttpError error);
    }

    private final JavalinConfig config;
    private final HttpServer server;

    DoorRoutes(JavalinConfig config, HttpServer server) {
        this.config = config;
        this.server = server;
    }

    public void get(String path, Handler handler) {
        server.route(config, "GET", path, handler);
    }

    public void post(String path, Handler handler) {
        server.route(config, "POST", path, handler);
    }

    public void put(String path, Handler handler) {
        server.route(config, "PUT", path, handler);
    }

    public void delete(String path, Handler handler) {
        server.route(config, "DELETE", path, handler);
    }

    /**
     * A page's file served at {@code path} (GET and HEAD): not an API route, so not listed in {@link HttpServer#routes}
     * nor in the OpenAPI document.
     */
    public void file(String path, Handler handler) {
        config.routes.get(path, handler);
        config.routes.head(path, handler);
    }

    /** Paths anyone may fetch even with API keys configured (the page and its files). */
    public void open(String... paths) {
        server.access().open(List.of(paths));
    }

    /** Opens every path below {@code prefix}, which ends in {@code /} (the article view's signed links). */
    public void openBelow(String prefix) {
        server.access().openBelow(prefix);
    }

    /**
     * Paths below {@code prefix} carry their own signature (Slack's): no API key, no loopback Host or Origin check
     * (they arrive through a proxy under the public name), and metrics keep their raw path.
     */
    public void signed(String prefix) {
        openBelow(prefix);
        server.signed(prefix);
    }

    /** Errors on paths below {@code prefix} are written in this shape instead of {@code {"error": "..."}}. */
    public void errors(String prefix, ErrorShape shape) {
        server.errorShapes().put(prefix, shape);
    }

    /** An answering route's work: within the caller's rate limit, then within the answer gate. */
    public void answering(Context ctx, Runnable work) {
        server.access().answering(ctx, work);
    }

    /** 403 unless the caller has the admin role. */
    public void requireAdmin(Context ctx) {
        server.access().requireAdmin(ctx);
    }

    /** Whether API keys are configured (without them, writes are off). */
    public boolean keysRequired() {
        return server.access().keysRequired();
    }

    /** The caller's principal, whose conversations a route may read and continue. */
    public static String owner(Context ctx) {
        return Access.owner(ctx);
    }

    /** Whether the caller has the admin role. */
    public static boolean isAdmin(Context ctx) {
        return Access.isAdmin(ctx);
    }

    /** The deadline every answer is held to. */
    public Deadline deadline() {
        return server.access().deadline();
    }

    public ObjectMapper json() {
        return server.json();
    }

    /** A JSON object body of at most {@code maxBytes}: 400/413 with a clear message otherwise. */
    public JsonNode body(Context ctx, long maxBytes) {
        return server.input().body(ctx, maxBytes);
    }

    /** A JSON object body of at most {@link HttpServer#MAX_REQUEST_BYTES}. */
    public JsonNode body(Context ctx) {
        return body(ctx, HttpServer.MAX_REQUEST_BYTES);
    }

    public static String requiredString(JsonNode body, String field) {
        return JsonInput.requiredString(body, field);
    }

    public static String optionalString(JsonNode body, String field) {
        return JsonInput.optionalString(body, field);
    }

    /** The API settings the server was built with (keys, limits, the OpenAI door's sources list). */
    public ApiSettings api() {
        return server.api();
    }

    /** Where each citation leads: its URL, or this server's signed article view. */
    public ArticleLinks links() {
        return server.links();
    }

    /** Error shapes by path prefix, for the server's error writer. */
    static ErrorShape shapeFor(Map<String, ErrorShape> shapes, String path) {
        return shapes.entrySet().stream().filter(e -> path.startsWith(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }
}
