package io.citebot.chat;

/**
 * Readiness for {@code /health}.
 *
 * @param ready true once the configured articles folder has been fully ingested
 */
public record Status(boolean ready, boolean ingesting, int filesDone, int filesTotal, int passagesDone, int articles,
                     int passages) {
}
