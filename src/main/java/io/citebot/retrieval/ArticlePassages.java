package io.citebot.retrieval;

import io.citebot.index.Hit;
import io.citebot.index.SearchBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;

/** Every passage of one article, in reading order: what the article view shows. */
public final class ArticlePassages {

    /** Longer articles than this many passages are shown up to here. */
    static final int MAX = 10_000;

    private ArticlePassages() {
    }

    /** The passages of {@code articleId} in order; empty when no such article is indexed. */
    public static List<Hit> of(SearchBackend backend, String articleId) {
        try {
            return backend.read(searcher -> searcher.ofArticle(articleId, MAX)).stream()
                    .sorted(Comparator.comparingInt(h -> h.passage().ordinal()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
