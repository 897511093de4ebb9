package io.citebot.slack;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.slack.api.Slack;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.methods.SlackApiException;
import com.slack.api.socket_mode.SocketModeClient;
import com.slack.api.socket_mode.impl.SocketModeClientJavaWSImpl;
import com.slack.api.util.json.GsonFactory;
import java.io.IOException;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Socket Mode: for a citebot Slack cannot reach (a laptop, a newsroom network without a public address), the bot
 * opens a WebSocket to Slack ({@code apps.connections.open} with the app-level token) and receives the same
 * events, commands and button presses over it. Each envelope is acknowledged at once, as over HTTP, and handed
 * to the same handlers of {@link SlackDoor}. Slack's SDK client (Java-WebSocket backend) pings the connection
 * and reconnects when it drops; a first connection that fails is tried again every {@link #RETRY} until it works.
 */
final class SocketModeLink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SocketModeLink.class);
    static final Duration RETRY = Duration.ofSeconds(30);

    private final SlackDoor door;
    private final Slack slack;
    private final String appToken;
    private final Gson gson = GsonFactory.createSnakeCase();
    private final Thread connector;
    private volatile SocketModeClient client;
    private volatile boolean closed;

    SocketModeLink(SlackDoor door, Slack slack, String appToken) {
        this.door = door;
        this.slack = slack;
        this.appToken = appToken;
        this.connector = Thread.ofVirtual().name("slack-socket-mode").start(this::connectUntilDone);
    }

    private void connectUntilDone() {
        while (!closed) {
            try {
                var opened = slack.methods(appToken).appsConnectionsOpen(r -> r);
                if (!opened.isOk()) {
                    log.error("Slack Socket Mode: apps.connections.open failed: {} (check CITEBOT_SLACK_APP_TOKEN and that Socket Mode"
                            + " is on in the app's settings); trying again in {} s", opened.getError(), RETRY.toSeconds());
                } else {
                    SocketModeClient c = new SocketModeClientJavaWSImpl(slack, appToken, opened.getUrl());
                    listen(c);
                    c.connect();
                    client = c;
                    log.info("Slack Socket Mode: connected");
                    return;
                }
            } catch (IOException | SlackApiException | URISyntaxException | RuntimeException e) {
                log.warn("Slack Socket Mode: cannot connect ({}); trying again in {} s", e.toString(), RETRY.toSeconds());
            }
            try {
                Thread.sleep(RETRY);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void listen(SocketModeClient c) {
        c.addEventsApiEnvelopeListener(env -> {
            ack(c, env.getEnvelopeId(), null);
            handle("event", () -> door.onEvent(object(env.getPayload())));
        });
        c.addSlashCommandsEnvelopeListener(env -> {
            Map<String, Object> reply;
            try {
                reply = door.onCommand(gson.fromJson(env.getPayload(), SlashCommandPayload.class));
            } catch (RuntimeException e) {
                log.warn("Slack Socket Mode: command not handled: {}", e.getMessage());
                reply = null;
            }
            ack(c, env.getEnvelopeId(), reply);
        });
        c.addInteractiveEnvelopeListener(env -> {
            ack(c, env.getEnvelopeId(), null);
            handle("interaction", () -> door.onInteraction(object(env.getPayload())));
        });
    }

    /** Tells Slack the envelope arrived (within 3 s, or Slack sends it again), with an immediate reply if any. */
    private void ack(SocketModeClient c, String envelopeId, Object payload) {
        Map<String, Object> ack = new LinkedHashMap<>();
        ack.put("envelope_id", envelopeId);
        if (payload != null) {
            ack.put("payload", payload);
        }
        c.sendSocketModeResponse(gson.toJson(ack));
    }

    private static void handle(String what, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.warn("Slack Socket Mode: {} not handled: {}", what, e.getMessage());
        }
    }

    private static JsonObject object(JsonElement e) {
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
    }

    @Override
    public void close() {
        closed = true;
        connector.interrupt();
        SocketModeClient c = client;
        if (c != null) {
            try {
                c.close();
            } catch (IOException | RuntimeException e) {
                log.debug("Closing Socket Mode: {}", e.toString());
            }
        }
    }
}
