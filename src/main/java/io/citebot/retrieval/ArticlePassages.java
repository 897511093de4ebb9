package io.citebot.retrieval;

import io.citebot.index.ArticleIndex;
import io.citebot.index.IndexFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.TermQuery;

/** Every passage of one article, in reading order: what the article view shows. */
public final class ArticlePassages {

    /** Longer articles than this many passages are shown up to here. */
    static final int MAX = 10_000;

    private ArticlePassages() {
    }

    /** The passages of {@code articleId} in order; empty when no such article is indexed. */
    public static List<Hit> of(ArticleIndex index, String articleId) {
        var query = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.ARTICLE_ID, articleId)), BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_PASSAGE)), BooleanClause.Occur.FILTER)
                .build();
        try {
            return index.search(query, MAX, (doc, score) -> LuceneSearch.toHit(doc, 1.0, Double.NaN)).stream()
                    .sorted(Comparator.comparingInt(h -> h.passage().ordinal()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
