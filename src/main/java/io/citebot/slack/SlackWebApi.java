package io.citebot.slack;

import com.google.gson.Gson;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.util.json.GsonFactory;
import com.slack.api.webhook.WebhookResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The few Web API methods the door uses, through Slack's Java client, with what that client leaves to us: a 429
 * is retried after its {@code Retry-After} (a few times, each wait capped), and every failure is logged with the
 * method and Slack's error code, then thrown, so no answer is lost in silence.
 */
final class SlackWebApi implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SlackWebApi.class);
    /** Attempts after the first when Slack says 429. */
    static final int RATE_LIMIT_RETRIES = 3;
    /** The longest wait honoured for one 429; Slack asks for a few seconds, rarely a minute. */
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);

    /** A Web API call that did not succeed: the method and Slack's error code ("channel_not_found", "http 500"). */
    static final class SlackCallFailed extends RuntimeException {
        private final String error;

        SlackCallFailed(String method, String error) {
            super(method + " failed: " + error);
            this.error = error;
        }

        /** Slack's error code ("channel_not_found"), or what failed. */
        String error() {
            return error;
        }
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws IOException, SlackApiException;
    }

    private final Slack slack;
    private final MethodsClient methods;
    private final Gson gson = GsonFactory.createSnakeCase();
    private volatile String botUserId;

    SlackWebApi(String apiUrl, String botToken) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(apiUrl);
        config.setStatsEnabled(false);
        config.setHttpClientReadTimeoutMillis(15_000);
        config.setHttpClientCallTimeoutMillis(30_000);
        this.slack = Slack.getInstance(config);
        this.methods = slack.methods(botToken);
    }

    /** Slack's client, for Socket Mode, which opens its connection with another token. */
    Slack slack() {
        return slack;
    }

    /** The bot's own user id (from {@code auth.test}, asked once), to strip its mention and skip its own messages. */
    String botUserId() {
        String id = botUserId;
        if (id == null) {
            id = ok("auth.test", () -> methods.authTest(r -> r)).getUserId();
            botUserId = id;
        }
        return id;
    }

    /** Posts a message (in a thread when {@code threadTs} is set); returns its ts. */
    String postMessage(String channel, String threadTs, SlackMessages.Message m) {
        return ok("chat.postMessage", () -> methods.chatPostMessage(r -> r.channel(channel).threadTs(threadTs)
                .text(m.text()).blocks(m.blocks()).unfurlLinks(false).unfurlMedia(false))).getTs();
    }

    /** Posts a message only {@code user} sees. */
    void postEphemeral(String channel, String user, String threadTs, SlackMessages.Message m) {
        ok("chat.postEphemeral", () -> methods.chatPostEphemeral(r -> r.channel(channel).user(user).threadTs(threadTs)
                .text(m.text()).blocks(m.blocks())));
    }

    /** Adds or removes a reaction; a failure (e.g. the reactions:write scope missing) is logged, never thrown. */
    void react(String channel, String ts, String name, boolean add) {
        try {
            if (add) {
                ok("reactions.add", () -> methods.reactionsAdd(r -> r.channel(channel).timestamp(ts).name(name)));
            } else {
                ok("reactions.remove", () -> methods.reactionsRemove(r -> r.channel(channel).timestamp(ts).name(name)));
            }
        } catch (RuntimeException e) {
            log.debug("Reaction not changed: {}", e.getMessage());
        }
    }

    /**
     * Sends a message to a {@code response_url} (slash commands, buttons).
     *
     * @param responseType "ephemeral" or "in_channel"
     * @param replace      whether the message replaces the one that carried the button
     */
    void respond(String responseUrl, String responseType, boolean replace, SlackMessages.Message m) {
        String body = gson.toJson(Map.of("response_type", responseType, "replace_original", replace, "text", m.text(),
                "blocks", gson.toJsonTree(m.blocks())));
        WebhookResponse r = withRetries("response_url", () -> {
            WebhookResponse response = slack.send(responseUrl, body);
            if (response.getCode() == 429) {
                throw new RateLimited(retryAfter(response.getHeaders()));
            }
            return response;
        });
        if (r.getCode() / 100 != 2) {
            log.warn("Slack response_url failed: HTTP {} {}", r.getCode(), r.getBody());
            throw new SlackCallFailed("response_url", "http " + r.getCode());
        }
    }

    private <T extends SlackApiTextResponse> T ok(String method, Call<T> call) {
        T response = withRetries(method, () -> {
            try {
                return call.run();
            } catch (SlackApiException e) {
                if (e.getResponse().code() == 429) {
                    throw new RateLimited(retryAfter(e.getResponse().headers().toMultimap()));
                }
                throw new SlackCallFailed(method, "http " + e.getResponse().code());
            }
        });
        if (!isOk(response)) {
            log.warn("Slack {} failed: {}", method, response.getError());
            throw new SlackCallFailed(method, response.getError());
        }
        return response;
    }

    /** Slack sets {@code error} exactly when {@code ok} is false (the interface has no {@code isOk}). */
    private static boolean isOk(SlackApiTextResponse r) {
        return r.getError() == null;
    }

    /** Slack said 429; wait this long before asking again. */
    private static final class RateLimited extends RuntimeException {
        final Duration wait;

        RateLimited(Duration wait) {
            super("rate limited", null, false, false);
            this.wait = wait;
        }
    }

    private <T> T withRetries(String method, Call<T> call) {
        for (int attempt = 0; ; attempt++) {
            try {
                return call.run();
            } catch (RateLimited e) {
                if (attempt == RATE_LIMIT_RETRIES) {
                    log.warn("Slack {} still rate limited after {} retries", method, attempt);
                    throw new SlackCallFailed(method, "ratelimited");
                }
                log.info("Slack {} rate limited; retrying in {} ms", method, e.wait.toMillis());
                sleep(e.wait);
            } catch (IOException | SlackApiException e) {
                log.warn("Slack {} failed: {}", method, e.toString());
                throw new SlackCallFailed(method, e.getClass().getSimpleName());
            }
        }
    }

    /** Retry-After in seconds (Slack always sends whole seconds); 1 s when absent or odd. */
    static Duration retryAfter(Map<String, List<String>> headers) {
        for (var h : headers.entrySet()) {
            if (h.getKey() != null && h.getKey().equalsIgnoreCase("Retry-After") && !h.getValue().isEmpty()) {
                try {
                    long s = Math.max(0, Long.parseLong(h.getValue().getFirst().strip()));
                    return Duration.ofSeconds(Math.min(s, MAX_RETRY_AFTER.toSeconds()));
                } catch (NumberFormatException e) {
                    return Duration.ofSeconds(1);
                }
            }
        }
        return Duration.ofSeconds(1);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlackCallFailed("retry", "interrupted");
        }
    }

    @Override
    public void close() {
        try {
            slack.close();
        } catch (Exception e) {
            log.debug("Closing the Slack client: {}", e.toString());
        }
    }
}
