package io.citebot.chat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Objects;

/**
 * A followed topic: articles arriving later that match {@code query} are posted, as a short cited brief, to a
 * webhook or a Slack channel.
 *
 * @param owner        the principal (API key) that made it; only it lists or removes it
 * @param from         the earliest publication date of matching articles, or null
 * @param to           the latest, or null
 * @param source       the only publisher of matching articles, or null
 * @param webhookUrl   where posts go as JSON, or null
 * @param slackChannel the Slack channel posts go to (in one thread per watch), or null
 * @param slackThread  the timestamp of that thread's first message, once posted
 * @param paused       why posting stopped (the channel is gone), or null while it posts
 * @param digestAt     a daily digest: new articles are posted together once a day at this time (the server's
 *                     zone), not as they arrive; null for posts as they arrive
 */
public record Watch(String id, String owner, String query, LocalDate from, LocalDate to, String source, String webhookUrl,
                    String slackChannel, String slackThread, Instant createdAt, String paused, LocalTime digestAt) {

    public Watch(String id, String owner, String query, LocalDate from, LocalDate to, String source, String webhookUrl,
                 String slackChannel, String slackThread, Instant createdAt, String paused) {
        this(id, owner, query, from, to, source, webhookUrl, slackChannel, slackThread, createdAt, paused, null);
    }

    public Watch {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(query, "query");
        if ((webhookUrl == null) == (slackChannel == null)) {
            throw new IllegalArgumentException("a watch posts to a webhook or to a Slack channel");
        }
    }

    public boolean active() {
        return paused == null;
    }
}
