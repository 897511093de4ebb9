package io.citebot.chat;

import io.citebot.index.ArticleRef;
import io.citebot.index.Hit;
import io.citebot.index.IndexBackend;
import io.citebot.index.SearchBackend;
import io.citebot.index.StoredArticle;
import io.citebot.retrieval.ArticlePassages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/** What the archive holds, for the doors that show it: the article list a page at a time, and one article whole. */
public final class Catalog {

    /** Most articles a page of the list holds. */
    public static final int MAX_ARTICLES_PAGE = 1000;

    private final IndexBackend index;
    private final SearchBackend backend;

    /**
     * @param index   the articles' metadata
     * @param backend the index's read views (an article's passages)
     */
    Catalog(IndexBackend index, SearchBackend backend) {
        this.index = index;
        this.backend = backend;
    }

    /** A page of the article list in id order, after {@code after} (null: the first page); 1..{@value #MAX_ARTICLES_PAGE}. */
    public List<StoredArticle> articles(String after, int limit) {
        if (limit < 1 || limit > MAX_ARTICLES_PAGE) {
            throw new InvalidInputException("limit must be between 1 and " + MAX_ARTICLES_PAGE);
        }
        if (after != null && (after.isEmpty() || after.length() > 512)) {
            throw new InvalidInputException("after must be an article id (at most 512 characters)");
        }
        try {
            return index.articlesAfter(after, limit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An indexed article and its passages in order, for the article view; empty when there is no such article. */
    public Optional<ArticleView> article(String articleId) {
        if (articleId == null || articleId.isEmpty() || articleId.length() > 300) {
            return Optional.empty();
        }
        List<Hit> passages = ArticlePassages.of(backend, articleId);
        return passages.isEmpty() ? Optional.empty() : Optional.of(new ArticleView(passages.getFirst().article(), passages));
    }

    /** An article with its passages in reading order. */
    public record ArticleView(ArticleRef article, List<Hit> passages) {
    }
}
