package io.citebot.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.javalin.Javalin;
import io.javalin.websocket.WsContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Slack's Web API on loopback (port 0), enough of it for the door: {@code auth.test}, {@code chat.postMessage},
 * {@code chat.postEphemeral}, {@code chat.update}, {@code reactions.add/remove}, answering as Slack does (HTTP 200
 * with {@code ok}; 429 with {@code Retry-After} when told to), and {@code /response/...} standing in for
 * response URLs. Every call is recorded with its parameters and token.
 */
final class FakeSlack implements AutoCloseable {

    static final String BOT_USER = "UBOT";

    /** One recorded call: the method ("chat.postMessage", or "response" for a response URL), its parameters, its token. */
    record Call(String method, Map<String, String> params, JsonNode json, String authorization, long nanos) {
        String param(String name) {
            if (params.containsKey(name)) {
                return params.get(name);
            }
            JsonNode v = json == null ? null : json.get(name);
            return v == null || v.isNull() ? null : v.isTextual() ? v.asText() : v.toString();
        }
    }

    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Call> calls = new ArrayList<>();
    /** Channels that have been archived: posting there fails with is_archived. */
    final Set<String> archived = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> rateLimited = new ConcurrentHashMap<>();
    private final AtomicInteger ts = new AtomicInteger(1);

    /** Socket Mode: Slack's WebSocket end, a Javalin server on loopback, and what the bot sent over it. */
    private Javalin sockets;
    private final List<WsContext> sessions = new CopyOnWriteArrayList<>();
    private final List<String> socketMessages = new CopyOnWriteArrayList<>();

    FakeSlack() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    /** The Web API base URL, as {@code CITEBOT_SLACK_API_URL}. */
    String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    /** A response URL as Slack puts in commands and interactions. */
    String responseUrl(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/response/" + name;
    }

    /** The next {@code times} calls of {@code method} get 429 with {@code Retry-After: 1}. */
    void rateLimit(String method, int times) {
        rateLimited.put(method, new AtomicInteger(times));
    }

    synchronized List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    synchronized void clear() {
        calls.clear();
    }

    /** Waits until {@code method} was called at least {@code n} times; returns those calls. */
    List<Call> await(String method, int n, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            List<Call> found = calls(method);
            if (found.size() >= n) {
                return found;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("expected " + n + " calls of " + method + " within " + timeout + ", got " + calls(method));
    }

    private void handle(HttpExchange ex) throws IOException {
        long now = System.nanoTime();
        String path = ex.getRequestURI().getPath();
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        Map<String, String> params = new LinkedHashMap<>();
        JsonNode jsonBody = null;
        if (type != null && type.startsWith("application/json")) {
            jsonBody = json.readTree(body);
        } else {
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        String method = path.startsWith("/response/") ? "response" : path.replaceFirst("^/api/", "");
        AtomicInteger limit = rateLimited.get(method);
        if (limit != null && limit.getAndDecrement() > 0) {
            synchronized (this) {
                calls.add(new Call(method + " (429)", params, jsonBody, ex.getRequestHeaders().getFirst("Authorization"), now));
            }
            ex.getResponseHeaders().add("Retry-After", "1");
            send(ex, 429, "{\"ok\":false,\"error\":\"ratelimited\"}");
            return;
        }
        synchronized (this) {
            calls.add(new Call(method, params, jsonBody, ex.getRequestHeaders().getFirst("Authorization"), now));
        }
        if (method.equals("response")) {
            send(ex, 200, "ok");
            return;
        }
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (method.equals("apps.connections.open")) {
            send(ex, 200, auth == null || !auth.startsWith("Bearer xapp-") || sockets == null ? "{\"ok\":false,\"error\":\"invalid_auth\"}"
                    : "{\"ok\":true,\"url\":\"ws://127.0.0.1:" + sockets.port() + "/link?ticket=1\"}");
            return;
        }
        if (auth == null || !auth.startsWith("Bearer xoxb-")) {
            send(ex, 200, "{\"ok\":false,\"error\":\"not_authed\"}");
            return;
        }
        String channel = params.get("channel");
        String reply = switch (method) {
            case "auth.test" -> "{\"ok\":true,\"url\":\"https://newsroom.slack.com/\",\"team\":\"Newsroom\",\"user\":\"citebot\","
                    + "\"team_id\":\"T1\",\"user_id\":\"" + BOT_USER + "\",\"bot_id\":\"BBOT\"}";
            case "chat.postMessage", "chat.update" -> "gone".equals(channel) ? "{\"ok\":false,\"error\":\"channel_not_found\"}"
                    : archived.contains(channel) ? "{\"ok\":false,\"error\":\"is_archived\"}"
                    : "{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"1800000000." + String.format("%06d", ts.getAndIncrement()) + "\"}";
            case "chat.postEphemeral" -> "{\"ok\":true,\"message_ts\":\"1800000000." + String.format("%06d", ts.getAndIncrement()) + "\"}";
            case "reactions.add", "reactions.remove" -> "{\"ok\":true}";
            default -> "{\"ok\":false,\"error\":\"unknown_method\"}";
        };
        send(ex, 200, reply);
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", body.startsWith("{") ? "application/json; charset=utf-8" : "text/plain");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    /** Starts Slack's Socket Mode end: {@code apps.connections.open} then hands out its URL. */
    synchronized void startSocketMode() {
        sockets = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.routes.ws("/link", ws -> {
                ws.onConnect(ctx -> {
                    ctx.enableAutomaticPings();
                    sessions.add(ctx);
                    ctx.send("{\"type\":\"hello\",\"num_connections\":1,\"connection_info\":{\"app_id\":\"A1\"}}");
                });
                ws.onMessage(ctx -> socketMessages.add(ctx.message()));
                ws.onClose(ctx -> sessions.remove(ctx));
            });
        }).start("127.0.0.1", 0);
    }

    /** Whether the bot holds a Socket Mode connection. */
    boolean socketConnected() {
        return !sessions.isEmpty();
    }

    /** Sends an envelope to the bot, as Slack does. */
    void sendEnvelope(String envelope) {
        sessions.getLast().send(envelope);
    }

    /** Waits for a message from the bot over the socket containing {@code text}. */
    String awaitSocketMessage(String text, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            for (String m : socketMessages) {
                if (m.contains(text)) {
                    return m;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no socket message with " + text + " within " + timeout + "; got " + socketMessages);
    }

    @Override
    public void close() {
        server.stop(0);
        if (sockets != null) {
            sockets.stop();
        }
    }
}
