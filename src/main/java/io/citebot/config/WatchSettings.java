package io.citebot.config;

import java.time.Duration;

/**
 * Watches: how often they are checked for new articles, and how their webhooks are sent.
 *
 * @param interval      how often every watch is checked; at most one post per watch per check
 * @param webhookSecret the key of the {@code X-Citebot-Signature} HMAC on every webhook POST, or null (unsigned)
 * @param allowPrivate  whether webhooks may go to loopback and private-network addresses (off: only public ones)
 * @param minConfidence the evidence strength from which a new article matches a watch and is briefed (0..1)
 */
public record WatchSettings(Duration interval, String webhookSecret, boolean allowPrivate, double minConfidence) {

    /**
     * Calibrated on the news sets' watch replay (docs/benchmarks.md, "Watches"): against the answers' 0.6, 7 and 6
     * points more of the articles a watch should post, for half a point of precision.
     */
    public static final double MIN_CONFIDENCE = 0.55;

    /** Environment only: a secret. */
    public static final String WEBHOOK_SECRET_ENV = "CITEBOT_WEBHOOK_SECRET";

    public static final WatchSettings DEFAULTS = new WatchSettings(Duration.ofMinutes(1), null, false);

    public WatchSettings {
        if (interval.isNegative() || interval.isZero()) {
            throw new ConfigException("CITEBOT_WATCH_INTERVAL must be positive");
        }
        if (!(minConfidence >= 0 && minConfidence <= 1)) {
            throw new ConfigException("CITEBOT_WATCH_MIN_CONFIDENCE must be between 0 and 1");
        }
    }

    public WatchSettings(Duration interval, String webhookSecret, boolean allowPrivate) {
        this(interval, webhookSecret, allowPrivate, MIN_CONFIDENCE);
    }
}
