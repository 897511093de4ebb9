package io.citebot.ingest;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One cleaned news article, ready to be split into passages.
 *
 * @param id      stable id: the file's path relative to the ingested folder without extension, or a jsonl line's {@code id}
 * @param title   headline; never blank (falls back to the first sentence)
 * @param text    cleaned body text, paragraphs separated by a blank line
 * @param date    publication date, or null when the article does not say
 * @param source  publisher or desk, or null
 * @param url     canonical address (http or https only; anything else is dropped), or null
 */
public record Article(String id, String title, String text, LocalDate date, String source, String url) {

    public Article {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        if (id.isBlank()) {
            throw new IllegalArgumentException("article id must not be blank");
        }
        if (id.length() > 512) {
            throw new IllegalArgumentException("article id is longer than 512 characters: " + id.substring(0, 40) + "...");
        }
        text = TextHygiene.clean(text);
        title = TextHygiene.clean(title);
        title = title == null || title.isBlank() ? Titles.fallback(text, id) : title.strip();
        source = blankToNull(TextHygiene.clean(source));
        url = webAddress(blankToNull(TextHygiene.clean(url)));
    }

    /** Only http(s) addresses are kept: a {@code javascript:} or {@code data:} URL must never reach a page as a link. */
    private static String webAddress(String url) {
        return url != null && url.regionMatches(true, 0, "http://", 0, 7) || url != null && url.regionMatches(true, 0, "https://", 0, 8)
                ? url : null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
