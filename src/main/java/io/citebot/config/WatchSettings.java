package io.citebot.config;

import java.time.Duration;

/**
 * Watches: how often they are checked for new articles, and how their webhooks are sent.
 *
 * @param interval      how often every watch is checked; at most one post per watch per check
 * @param webhookSecret the key of the {@code X-Citebot-Signature} HMAC on every webhook POST, or null (unsigned)
 * @param allowPrivate  whether webhooks may go to loopback and private-network addresses (off: only public ones)
 */
public record WatchSettings(Duration interval, String webhookSecret, boolean allowPrivate) {

    /** Environment only: a secret. */
    public static final String WEBHOOK_SECRET_ENV = "CITEBOT_WEBHOOK_SECRET";

    public static final WatchSettings DEFAULTS = new WatchSettings(Duration.ofMinutes(1), null, false);

    public WatchSettings {
        if (interval.isNegative() || interval.isZero()) {
            throw new ConfigException("CITEBOT_WATCH_INTERVAL must be positive");
        }
    }
}
