package io.citebot.ingest;

import java.util.Objects;

/**
 * A few consecutive sentences of one article: the unit that is indexed, retrieved and cited.
 *
 * @param id        {@code articleId#ordinal}
 * @param articleId the article it belongs to
 * @param ordinal   0-based position among the article's passages
 * @param text      the passage text, exactly {@code article.text().substring(start, end)}
 * @param start     offset of the first character in the article's cleaned text
 * @param end       offset after the last character
 */
public record Passage(String id, String articleId, int ordinal, String text, int start, int end) {

    public Passage {
        Objects.requireNonNull(articleId, "articleId");
        Objects.requireNonNull(text, "text");
        if (ordinal < 0 || start < 0 || end < start) {
            throw new IllegalArgumentException("bad passage bounds: ordinal=" + ordinal + " start=" + start + " end=" + end);
        }
        if (!Objects.equals(id, idOf(articleId, ordinal))) {
            throw new IllegalArgumentException("passage id must be " + idOf(articleId, ordinal) + ", was " + id);
        }
    }

    public static String idOf(String articleId, int ordinal) {
        return articleId + "#" + ordinal;
    }
}
