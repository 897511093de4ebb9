package io.citebot.slack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The conversation id of a Slack thread: the same for every message of the thread, and unguessable without the
 * secret, because the id is also what continues the conversation on the web page.
 */
final class ThreadIds {

    private final SecretKeySpec key;

    ThreadIds(String secret) {
        this.key = new SecretKeySpec(("citebot conversation ids\n" + secret).getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** "slack-" and 32 characters of HMAC-SHA256 over team, channel and thread. */
    String of(String team, String channel, String thread) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] h = mac.doFinal((team + "\n" + channel + "\n" + thread).getBytes(StandardCharsets.UTF_8));
            return "slack-" + Base64.getUrlEncoder().withoutPadding().encodeToString(h).substring(0, 32);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
