package io.citebot.index;

import java.time.LocalDate;

/**
 * What the index keeps about an article besides its passages.
 *
 * @param origin      absolute path of the file it was read from
 * @param contentHash hash of the parsed article; an equal hash means nothing to re-index
 * @param passages    how many passages it was split into
 */
public record StoredArticle(String id, String title, LocalDate date, String source, String url,
                            String origin, String contentHash, int passages) {
}
