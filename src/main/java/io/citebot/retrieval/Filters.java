package io.citebot.retrieval;

import io.citebot.index.ArticleIndex;
import io.citebot.index.IndexFields;
import java.time.LocalDate;
import java.util.Locale;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Restrictions on what may be retrieved: a publication date range (inclusive) and a source (publisher name,
 * case-insensitive).
 *
 * @param includeUndated whether articles without a date pass a date range: no for a range the caller set,
 *                       yes for one read from the question's words (an undated article may still be about it)
 */
public record Filters(LocalDate from, LocalDate to, String source, boolean includeUndated) {

    public static final Filters NONE = new Filters(null, null, null, false);

    public Filters(LocalDate from, LocalDate to, String source) {
        this(from, to, source, false);
    }

    public Filters {
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("from (" + from + ") is after to (" + to + ")");
        }
        source = source == null || source.isBlank() ? null : source.strip();
    }

    public boolean hasDateRange() {
        return from != null || to != null;
    }

    /** These filters with a date range read from a question (undated articles pass). */
    public Filters withQuestionDates(LocalDate newFrom, LocalDate newTo) {
        return new Filters(newFrom, newTo, source, true);
    }

    /** The Lucene filter for passages: their kind plus these restrictions. */
    Query toQuery() {
        BooleanQuery.Builder b = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_PASSAGE)), BooleanClause.Occur.FILTER);
        if (hasDateRange()) {
            int lo = from == null ? Integer.MIN_VALUE : (int) from.toEpochDay();
            int hi = to == null ? Integer.MAX_VALUE : (int) to.toEpochDay();
            Query range = IntPoint.newRangeQuery(IndexFields.DATE_DAYS, lo, hi);
            if (includeUndated) {
                range = new BooleanQuery.Builder()
                        .add(range, BooleanClause.Occur.SHOULD)
                        .add(new TermQuery(new Term(IndexFields.DATED, "no")), BooleanClause.Occur.SHOULD)
                        .build();
            }
            b.add(range, BooleanClause.Occur.FILTER);
        }
        if (source != null) {
            b.add(new TermQuery(new Term(IndexFields.SOURCE_KEY, source.toLowerCase(Locale.ROOT))), BooleanClause.Occur.FILTER);
        }
        return b.build();
    }
}
