package io.citebot.answer;

import io.citebot.index.ArticleRef;
import io.citebot.index.Hit;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What an answer's marker {@code [n]} points to: a passage and its article.
 *
 * @param n    the marker's number, from 1, in order of first use in the answer
 * @param text the cited passage's full text
 * @param url  the article's own address: http(s) only (another scheme is dropped); title and text are
 *             {@link InertText inert}
 * @param alsoReportedBy other outlets' copies of the same report (syndicated wire copy, rewrites), cited once here
 *                       as the earliest copy; empty when it has none
 */
public record Citation(int n, String articleId, String title, String source, LocalDate date, String url,
                       String passageId, String text, List<ArticleRef> alsoReportedBy) {

    public Citation(int n, String articleId, String title, String source, LocalDate date, String url, String passageId,
                    String text) {
        this(n, articleId, title, source, date, url, passageId, text, List.of());
    }

    public Citation {
        Objects.requireNonNull(articleId, "articleId");
        Objects.requireNonNull(passageId, "passageId");
        Objects.requireNonNull(text, "text");
        if (n < 1) {
            throw new IllegalArgumentException("citation numbers start at 1, was " + n);
        }
        title = title == null ? null : InertText.of(title).strip();
        text = InertText.of(text);
        url = InertText.url(url);
        alsoReportedBy = alsoReportedBy == null ? List.of() : List.copyOf(alsoReportedBy);
    }

    /** This citation with the other copies of its report. */
    public Citation withAlsoReportedBy(List<ArticleRef> copies) {
        return new Citation(n, articleId, title, source, date, url, passageId, text, copies);
    }

    public static Citation of(int n, Hit hit) {
        var a = hit.article();
        return new Citation(n, a.id(), a.title(), a.source(), a.date(), a.url(), hit.passage().id(), hit.passage().text());
    }
}
