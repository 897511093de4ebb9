package io.citebot.chat;

import java.util.List;

/**
 * Readiness for {@code /health}.
 *
 * @param ready    true once the embedding model has loaded and the configured articles folder has been fully
 *                 ingested (at once where this process does not write to the index)
 * @param problems what the last ingest could not read ("file: reason"), until the files are fixed
 */
public record Status(boolean ready, boolean ingesting, int filesDone, int filesTotal, int passagesDone, int articles,
                     int passages, List<String> problems) {
}
