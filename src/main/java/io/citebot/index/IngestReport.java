package io.citebot.index;

import io.citebot.ingest.ArticleParser.Problem;
import java.util.List;

/**
 * What one ingest run did.
 *
 * @param filesUnchanged   files whose hash matched the index: not even parsed
 * @param passagesEmbedded passages whose vectors were computed (the others reused the vector the index had)
 * @param embedMillis      time spent in the embedding model
 * @param problems         lines, files or articles that were skipped, with the reason
 */
public record IngestReport(int filesSeen, int filesUnchanged, int articlesAdded, int articlesUpdated,
                           int articlesUnchanged, int articlesRemoved, int passagesWritten, int passagesEmbedded,
                           long embedMillis, List<Problem> problems, long millis) {

    public boolean changed() {
        return articlesAdded + articlesUpdated + articlesRemoved > 0;
    }

    /**
     * One line for the log: "3 files, all unchanged: nothing to index in 12 ms", or what changed ("2 files (1
     * unchanged): 1 article added, 0 updated, 0 removed; 6 passages indexed (6 embedded) in 310 ms").
     */
    public String summary() {
        String problemsPart = problems.isEmpty() ? "" : "; " + problems.size() + (problems.size() == 1 ? " problem" : " problems");
        if (filesUnchanged == filesSeen && !changed()) {
            return "%d %s, all unchanged: nothing to index%s in %d ms".formatted(filesSeen, filesSeen == 1 ? "file" : "files",
                    problemsPart, millis);
        }
        return "%d files (%d unchanged): %d %s added, %d updated, %d removed%s; %d passages indexed (%d embedded)%s in %d ms"
                .formatted(filesSeen, filesUnchanged, articlesAdded, articlesAdded == 1 ? "article" : "articles", articlesUpdated,
                        articlesRemoved, articlesUnchanged == 0 ? "" : " (" + articlesUnchanged + " read again, unchanged)",
                        passagesWritten, passagesEmbedded, problemsPart, millis);
    }
}
