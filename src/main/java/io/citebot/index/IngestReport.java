package io.citebot.index;

import io.citebot.ingest.ArticleParser.Problem;
import java.util.List;

/**
 * What one ingest run did.
 *
 * @param filesUnchanged   files whose hash matched the index: not even parsed
 * @param passagesEmbedded passages whose vectors were computed (the others reused a stored vector)
 * @param embedMillis      time spent in the embedding model
 * @param problems         lines, files or articles that were skipped, with the reason
 */
public record IngestReport(int filesSeen, int filesUnchanged, int articlesAdded, int articlesUpdated,
                           int articlesUnchanged, int articlesRemoved, int passagesWritten, int passagesEmbedded,
                           long embedMillis, List<Problem> problems, long millis) {

    public boolean changed() {
        return articlesAdded + articlesUpdated + articlesRemoved > 0;
    }

    public String summary() {
        return "%d files (%d unchanged): %d articles added, %d updated, %d unchanged, %d removed; %d passages indexed (%d embedded)%s in %d ms"
                .formatted(filesSeen, filesUnchanged, articlesAdded, articlesUpdated, articlesUnchanged, articlesRemoved,
                        passagesWritten, passagesEmbedded, problems.isEmpty() ? "" : "; " + problems.size() + " problems", millis);
    }
}
