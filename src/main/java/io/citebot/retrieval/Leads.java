package io.citebot.retrieval;

import io.citebot.index.ArticleIndex;
import io.citebot.index.IndexFields;
import io.citebot.index.StoredArticle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;

/**
 * The opening passages of the newest articles that pass the filters: what a question about the archive as a
 * whole ("What are these articles about?") is answered from, since it has no words to search for.
 */
public final class Leads {

    /** How many of the newest articles are looked at before the filters; enough for any page of leads. */
    static final int SCAN = 2_000;

    private Leads() {
    }

    /** Newest first; each hit scores 1 and carries no similarity. */
    public static List<Hit> newest(ArticleIndex index, int k, Filters filters) {
        try {
            List<BytesRef> leadIds = index.articles().values().stream()
                    .sorted(Comparator.comparing(StoredArticle::date, Comparator.nullsLast(Comparator.<LocalDate>reverseOrder())))
                    .limit(SCAN)
                    .map(a -> new BytesRef(a.id() + "#0"))
                    .toList();
            if (leadIds.isEmpty()) {
                return List.of();
            }
            var query = new BooleanQuery.Builder()
                    .add(new TermInSetQuery(IndexFields.PASSAGE_ID, leadIds), BooleanClause.Occur.MUST)
                    .add(filters.toQuery(), BooleanClause.Occur.FILTER)
                    .build();
            return index.search(query, SCAN, (doc, score) -> LuceneSearch.toHit(doc, 1.0, Double.NaN)).stream()
                    .sorted(Comparator.comparing((Hit h) -> h.article().date(), Comparator.nullsLast(Comparator.<LocalDate>reverseOrder())))
                    .limit(k)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
