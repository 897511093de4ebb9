package io.citebot.index.lucene;

import io.citebot.index.Filters;
import io.citebot.index.IndexFields;
import java.util.Locale;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/** {@link Filters} as a Lucene query. */
final class LuceneFilters {

    private LuceneFilters() {
    }

    /** The Lucene filter for passages: their kind plus the restrictions of {@code filters}. */
    static Query of(Filters filters) {
        BooleanQuery.Builder b = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_PASSAGE)), BooleanClause.Occur.FILTER);
        if (filters.hasDateRange()) {
            int lo = filters.from() == null ? Integer.MIN_VALUE : (int) filters.from().toEpochDay();
            int hi = filters.to() == null ? Integer.MAX_VALUE : (int) filters.to().toEpochDay();
            Query range = IntPoint.newRangeQuery(IndexFields.DATE_DAYS, lo, hi);
            if (filters.includeUndated()) {
                range = new BooleanQuery.Builder()
                        .add(range, BooleanClause.Occur.SHOULD)
                        .add(new TermQuery(new Term(IndexFields.DATED, "no")), BooleanClause.Occur.SHOULD)
                        .build();
            }
            b.add(range, BooleanClause.Occur.FILTER);
        }
        if (filters.source() != null) {
            b.add(new TermQuery(new Term(IndexFields.SOURCE_KEY, filters.source().toLowerCase(Locale.ROOT))), BooleanClause.Occur.FILTER);
        }
        return b.build();
    }
}
