package io.citebot.watch;

import io.citebot.chat.Watch;
import io.citebot.chat.WatchStore.Delivery;
import io.citebot.net.Addresses;
import io.citebot.net.LazyHttpClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Posts a watch's payload as JSON to its webhook: signed with {@code X-Citebot-Signature: sha256=HEX} (HMAC-SHA256 of
 * the body with {@code CITEBOT_WEBHOOK_SECRET}), identified by {@code X-Citebot-Delivery} (the same on a retry, so a
 * receiver can drop a repeat), tried a few times with growing waits. Redirects are not followed, and the address must
 * be public unless private ones are allowed.
 */
public final class WebhookNotifier implements Notifier {

    public static final String SIGNATURE_HEADER = "X-Citebot-Signature";
    public static final String DELIVERY_HEADER = "X-Citebot-Delivery";
    /** Tries within one send; a send that fails is tried again at later checks. */
    static final int TRIES = 3;
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final LazyHttpClient http = new LazyHttpClient(() -> HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(TIMEOUT).build());
    private final byte[] secret;
    private final boolean allowPrivate;
    private final Duration backoff;

    /**
     * @param secret       the HMAC key, or null to send unsigned
     * @param allowPrivate whether loopback and private-network addresses may be posted to
     * @param backoff      the wait after a first failed try; each later wait doubles
     */
    public WebhookNotifier(String secret, boolean allowPrivate, Duration backoff) {
        this.secret = secret == null ? null : secret.getBytes(StandardCharsets.UTF_8);
        this.allowPrivate = allowPrivate;
        this.backoff = backoff;
    }

    @Override
    public boolean handles(Watch watch) {
        return watch.webhookUrl() != null;
    }

    /** Why {@code url} cannot be a webhook here, or null when it can. */
    public String refusal(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return "webhookUrl is not a URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            return "webhookUrl must be an http or https URL with a host";
        }
        if (!allowPrivate && !Addresses.mayFetch(uri, null)) {
            return "webhookUrl must resolve to public addresses (set CITEBOT_WEBHOOK_ALLOW_PRIVATE=true to post to"
                    + " loopback or private networks)";
        }
        return null;
    }

    @Override
    public String send(Watch watch, Delivery delivery) throws IOException, TargetGone {
        String refused = refusal(watch.webhookUrl());
        if (refused != null) {
            throw new IOException(refused);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(watch.webhookUrl())).timeout(TIMEOUT)
                .header("Content-Type", "application/json").header("User-Agent", "citebot-watch")
                .header(DELIVERY_HEADER, delivery.id())
                .POST(HttpRequest.BodyPublishers.ofString(delivery.payload(), StandardCharsets.UTF_8));
        if (secret != null) {
            request.header(SIGNATURE_HEADER, signature(secret, delivery.payload()));
        }
        IOException last = null;
        Duration wait = backoff;
        for (int i = 0; i < TRIES; i++) {
            if (i > 0) {
                sleep(wait);
                wait = wait.multipliedBy(2);
            }
            int status;
            try {
                status = http.get().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                last = e;
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
            if (status / 100 == 2) {
                return null;
            }
            if (status == 410) {
                throw new TargetGone("the webhook answered 410 Gone");
            }
            last = new IOException("the webhook answered " + status);
            if (status / 100 == 4 && status != 408 && status != 429) {
                throw last; // the receiver refuses this post now; later checks try it again a few times
            }
        }
        throw last;
    }

    /** {@code sha256=} and the hex HMAC-SHA256 of {@code body} under {@code secret}. */
    public static String signature(byte[] secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    private static void sleep(Duration d) throws IOException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }
}
