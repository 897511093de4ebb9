package io.citebot.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's Chromium, headless, driven over the DevTools protocol (a WebSocket, with the JDK's own client): open
 * a page, then evaluate JavaScript in it until a condition holds. Started with the flags this machine needs
 * (no sandbox as root, no background networking) and a fresh profile.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://[^\\s]+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    HeadlessChromium(Path chromium, Path profile, String url) throws IOException, InterruptedException {
        this(chromium, profile, url, 1280, 800);
    }

    /** A browser whose window (the page's viewport) is {@code width} × {@code height} CSS pixels. */
    HeadlessChromium(Path chromium, Path profile, String url, int width, int height) throws IOException, InterruptedException {
        process = new ProcessBuilder(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--remote-debugging-port=0", "--user-data-dir=" + profile, "--window-size=" + width + "," + height,
                url)).start();
        String browserWs = null;
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        for (String line = err.readLine(); line != null && browserWs == null; line = err.readLine()) {
            Matcher m = DEVTOOLS.matcher(line);
            if (m.find()) {
                browserWs = m.group(1);
            }
        }
        if (browserWs == null) {
            throw new IOException("chromium did not start its DevTools endpoint");
        }
        Thread.ofVirtual().start(() -> err.lines().forEach(l -> { })); // keep draining its log
        URI ws = URI.create(browserWs);
        HttpClient http = HttpClient.newHttpClient();
        String pageWs = null;
        for (int i = 0; i < 100 && pageWs == null; i++) {
            var list = http.send(HttpRequest.newBuilder(URI.create("http://" + ws.getAuthority() + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (JsonNode target : JSON.readTree(list.body())) {
                if (target.path("type").asText().equals("page")) {
                    pageWs = target.path("webSocketDebuggerUrl").asText();
                }
            }
            if (pageWs == null) {
                Thread.sleep(100);
            }
        }
        if (pageWs == null) {
            throw new IOException("chromium opened no page");
        }
        socket = http.newWebSocketBuilder().buildAsync(URI.create(pageWs), new Listener()).join();
    }

    /**
     * Evaluates {@code expression} every 200 ms until it returns a non-empty string, and returns that. An evaluation
     * the page drops unanswered (it was sent while the page navigated) counts as "not yet", as long as time is left.
     */
    String waitFor(String expression, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String value;
            try {
                value = evaluate(expression, Math.max(1, Math.min(5_000, (deadline - System.nanoTime()) / 1_000_000)));
            } catch (TimeoutException dropped) {
                continue;
            }
            if (value != null && !value.isEmpty()) {
                return value;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + expression + "; the page: " + evaluate("document.body.outerHTML"));
    }

    String evaluate(String expression) throws Exception {
        return evaluate(expression, 30_000);
    }

    private String evaluate(String expression, long timeoutMillis) throws Exception {
        JsonNode r = command("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true), timeoutMillis);
        return r.path("result").path("result").path("value").asText(null);
    }

    /** Emulates a device's screen: {@code width} × {@code height} CSS pixels, a phone's when {@code mobile}. */
    void screen(int width, int height, boolean mobile) throws Exception {
        command("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 1,
                "mobile", mobile), 30_000);
    }

    /** Writes what the page shows now to a PNG file (for a person to look at). */
    void screenshot(Path png) throws Exception {
        JsonNode r = command("Page.captureScreenshot", Map.of("format", "png"), 30_000);
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, Base64.getDecoder().decode(r.path("result").path("data").asText()));
    }

    /** Sends one DevTools command to the page and waits for its reply. */
    private JsonNode command(String method, Map<String, Object> params, long timeoutMillis) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText(JSON.writeValueAsString(Map.of("id", id, "method", method, "params", params)), true).join();
        try {
            return reply.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } finally {
            pending.remove(id);
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    JsonNode msg = JSON.readTree(text.toString());
                    var f = msg.has("id") ? pending.remove(msg.get("id").asInt()) : null;
                    if (f != null) {
                        f.complete(msg);
                    }
                } catch (IOException e) {
                    // not a message we wait for
                }
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.abort();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
