package io.citebot.index;

import java.time.LocalDate;
import java.util.Objects;

/** The article a passage belongs to, as shown next to a result or citation. */
public record ArticleRef(String id, String title, LocalDate date, String source, String url) {

    public ArticleRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
    }
}
