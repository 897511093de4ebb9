package io.citebot.index.lucene;

import io.citebot.index.Filters;
import io.citebot.index.TextAnalysis;
import io.citebot.index.Hit;
import io.citebot.index.ArticleRef;
import io.citebot.index.SearchBackend;
import io.citebot.index.IndexFields;
import io.citebot.ingest.Passage;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.search.AcceptDocs;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.NumericUtils;
import org.apache.lucene.util.VectorUtil;

/** The Lucene queries and scoring shared by the retrievers; all work on doc ids of one searcher. */
final class LuceneSearch {

    private LuceneSearch() {
    }

    /**
     * BM25 over text and headline as a plain disjunction of analyzed question terms, so no character a user
     * types is read as query syntax; null when the text has no searchable term. Each term is looked up once in
     * {@code searcher}'s term dictionaries: the query's weights (the top list's, then the one that scores
     * candidates outside it) reuse the lookups instead of each seeking every term again.
     */
    static Query bm25(TextAnalysis analysis, String text, Filters filters, IndexSearcher searcher) throws IOException {
        Set<String> terms = new LinkedHashSet<>(analysis.queryTerms(text));
        if (terms.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder should = new BooleanQuery.Builder();
        for (String t : terms.stream().limit(SearchBackend.MAX_QUERY_TERMS).toList()) {
            should.add(termQuery(new Term(IndexFields.TEXT, t), searcher), BooleanClause.Occur.SHOULD);
            should.add(new BoostQuery(termQuery(new Term(IndexFields.TITLE, t), searcher), SearchBackend.TITLE_BOOST), BooleanClause.Occur.SHOULD);
        }
        if (!restricts(filters)) {
            // only passages have text and headline fields, so without restrictions no filter is needed, and a bare
            // disjunction is the query Lucene scores fastest (dynamic pruning skips blocks that cannot reach the top)
            return should.build();
        }
        return new BooleanQuery.Builder()
                .add(should.build(), BooleanClause.Occur.MUST)
                .add(LuceneFilters.of(filters), BooleanClause.Occur.FILTER)
                .build();
    }

    private static TermQuery termQuery(Term term, IndexSearcher searcher) throws IOException {
        return new TermQuery(term, TermStates.build(searcher, term, true));
    }

    /** Whether {@code filters} restricts the passages beyond their kind (dates, a source). */
    static boolean restricts(Filters filters) {
        return filters.hasDateRange() || filters.source() != null;
    }

    /**
     * {@code filters} without a date range that every passage of {@code reader} passes: one that holds every date in
     * the index, with no undated article or with undated articles let through ("since 2004", "by 2050", "this year" in
     * an archive of one year). Such a range changes no hit and no score, but a filtered search costs more: the graph
     * search builds a bitset of every passage the filter lets through (about 1 ms at 85,000 passages) and BM25 loses
     * its pruning. The dates are those of the segments' points, deleted documents included, so a range is dropped only
     * when it certainly filters nothing.
     */
    static Filters withoutIdleDates(Filters filters, IndexReader reader) throws IOException {
        if (!filters.hasDateRange()) {
            return filters;
        }
        int lo = filters.from() == null ? Integer.MIN_VALUE : (int) filters.from().toEpochDay();
        int hi = filters.to() == null ? Integer.MAX_VALUE : (int) filters.to().toEpochDay();
        for (LeafReaderContext leaf : reader.leaves()) {
            PointValues points = leaf.reader().getPointValues(IndexFields.DATE_DAYS);
            if (points != null && points.size() > 0
                    && (NumericUtils.sortableBytesToInt(points.getMinPackedValue(), 0) < lo
                        || NumericUtils.sortableBytesToInt(points.getMaxPackedValue(), 0) > hi)) {
                return filters;
            }
        }
        if (!filters.includeUndated() && reader.docFreq(new Term(IndexFields.DATED, "no")) > 0) {
            return filters;
        }
        return new Filters(null, null, filters.source(), filters.includeUndated());
    }

    /**
     * How many times the wanted neighbours the HNSW graph is asked for (its search that much wider), the best kept: at a
     * million passages, recall@10 of the best 100 against exact search was 0.936 and 0.953 (two builds) asked for 100,
     * 0.969 asked for 200 (docs/benchmarks.md, "At a million passages").
     */
    static final int GRAPH_OVERSAMPLE = 2;

    /**
     * A segment whose graph holds at least this many documents is searched {@link #GRAPH_OVERSAMPLE_LARGE} times as
     * wide instead: HNSW needs a wider search for the same recall as its graph grows. The million-passage archive
     * merged into one segment had recall@10 0.947 searched twice as wide, 0.964 three times (its five segments before
     * the merge, each searched twice as wide, 0.978); at a million the graph's search runs beside BM25 and the wider one
     * cost nothing measurable, while at the news sets' 86,000–119,000 passages it would cost 0.1–0.2 ms and move
     * nothing worth it (docs/benchmarks.md, "At a million passages").
     */
    static final int LARGE_GRAPH = 500_000;
    static final int GRAPH_OVERSAMPLE_LARGE = 3;

    /** How many neighbours to ask the graph for when {@code n} are wanted from this reader's segments. */
    static int graphWidth(int n, IndexReader reader) {
        return graphWidth(n, reader, LARGE_GRAPH);
    }

    static int graphWidth(int n, IndexReader reader, int largeGraph) {
        return n * (largestSegment(reader) >= largeGraph ? GRAPH_OVERSAMPLE_LARGE : GRAPH_OVERSAMPLE);
    }

    /** The documents of the reader's largest segment. */
    private static int largestSegment(IndexReader reader) {
        int largest = 0;
        for (LeafReaderContext leaf : reader.leaves()) {
            largest = Math.max(largest, leaf.reader().maxDoc());
        }
        return largest;
    }

    /**
     * Share of an index's documents its largest segment must hold for {@link #nearestInEachSegment} to be used: an
     * index as an ingest leaves it (merged into one segment) with the few newer ones written since.
     */
    static final double DOMINANT_SEGMENT = 0.9;

    /** Whether one segment holds at least {@value #DOMINANT_SEGMENT} of the reader's documents. */
    static boolean oneDominantSegment(IndexReader reader) {
        int largest = largestSegment(reader);
        return largest > 0 && largest >= DOMINANT_SEGMENT * reader.maxDoc();
    }

    /**
     * The {@code n} passages nearest {@code vector} with nothing filtered: each segment's graph searched {@code wide}
     * once, the results merged by score (ties by document, as a query's collector orders them). Lucene's
     * {@link KnnFloatVectorQuery} searches each segment first for its share of {@code wide} and then searches again the
     * segments whose results compete, so in an index of one large segment and a small newer one it searched the large
     * graph twice; searched once here, with all of {@code wide} (never fewer neighbours than the query). For an index
     * whose documents are spread over several segments the query's way is cheaper, and is used.
     */
    static ScoreDoc[] nearestInEachSegment(IndexSearcher searcher, float[] vector, int wide, int n) throws IOException {
        List<ScoreDoc> all = new ArrayList<>();
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            FieldInfo field = leaf.reader().getFieldInfos().fieldInfo(IndexFields.VECTOR);
            if (field == null || !field.hasVectorValues()) {
                continue;
            }
            TopDocs found = leaf.reader().searchNearestVectors(IndexFields.VECTOR, vector, wide,
                    AcceptDocs.fromLiveDocs(leaf.reader().getLiveDocs(), leaf.reader().maxDoc()), Integer.MAX_VALUE);
            for (ScoreDoc sd : found.scoreDocs) {
                all.add(new ScoreDoc(leaf.docBase + sd.doc, sd.score));
            }
        }
        all.sort((a, b) -> a.score != b.score ? Float.compare(b.score, a.score) : Integer.compare(a.doc, b.doc));
        return all.subList(0, Math.min(n, all.size())).toArray(ScoreDoc[]::new);
    }

    static Query knn(float[] vector, int k, Filters filters) {
        // only passages carry vectors: without restrictions the graph search needs no filter, so Lucene does not
        // build a bitset of every passage for each question (about 1 ms on 85,000 passages)
        Query filter = restricts(filters) ? LuceneFilters.of(filters) : null;
        return new KnnFloatVectorQuery(IndexFields.VECTOR, vector, k, filter);
    }

    /** Lucene's dot-product score for unit vectors, {@code (1 + cos) / 2}, back to the cosine. */
    static double cosineOf(float luceneScore) {
        return 2.0 * luceneScore - 1.0;
    }

    /** Exact cosine of {@code query} with the vectors of {@code docs} (global doc ids), from the float values. */
    static Map<Integer, Double> cosines(IndexSearcher searcher, float[] query, int[] docs) throws IOException {
        return scoreEach(searcher, docs, leaf -> {
            // the float values themselves, not the format's scorer: a quantised format's scorer approximates
            FloatVectorValues values = leaf.reader().getFloatVectorValues(IndexFields.VECTOR);
            if (values == null) {
                return null;
            }
            KnnVectorValues.DocIndexIterator it = values.iterator();
            return new LeafScores(it, () -> (double) VectorUtil.dotProduct(query, values.vectorValue(it.index())));
        });
    }

    /** The weight that gives {@link #scores} the scores of {@code query}. */
    static Weight scoring(IndexSearcher searcher, Query query) throws IOException {
        return searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE, 1f);
    }

    /**
     * The scores a query gives these passages (global doc ids), through its {@link #scoring} weight on the same
     * searcher; a passage it does not match is left out.
     */
    static Map<Integer, Double> scores(IndexSearcher searcher, Weight weight, int[] docs) throws IOException {
        return scoreEach(searcher, docs, leaf -> {
            Scorer scorer = weight.scorer(leaf);
            return scorer == null ? null : new LeafScores(scorer.iterator(), () -> (double) scorer.score());
        });
    }

    /** One leaf's documents in order, and the score of the one its iterator is on. */
    private record LeafScores(DocIdSetIterator docs, Score current) {
        interface Score {
            double get() throws IOException;
        }
    }

    private interface LeafScoring {
        /** The leaf's scores, or null when it scores nothing. */
        LeafScores of(LeafReaderContext leaf) throws IOException;
    }

    /** Advances each leaf's scores to the given documents in doc-id order; those it does not reach are left out. */
    private static Map<Integer, Double> scoreEach(IndexSearcher searcher, int[] docs, LeafScoring scoring) throws IOException {
        int[] sorted = docs.clone();
        Arrays.sort(sorted);
        Map<Integer, Double> out = new HashMap<>();
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        int i = 0;
        while (i < sorted.length) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(sorted[i], leaves));
            int end = leaf.docBase + leaf.reader().maxDoc();
            LeafScores scores = scoring.of(leaf);
            DocIdSetIterator it = scores == null ? null : scores.docs();
            for (; i < sorted.length && sorted[i] < end; i++) {
                int local = sorted[i] - leaf.docBase;
                if (it != null && (it.docID() < local ? it.advance(local) : it.docID()) == local) {
                    out.put(sorted[i], scores.current().get());
                }
            }
        }
        return out;
    }

    /** Loads the hits for {@code docs} in the given order, with the given scores and cosines (absent: NaN). */
    static List<Hit> load(IndexSearcher searcher, List<Integer> docs, Map<Integer, Double> scores,
                          Map<Integer, Double> cosines) throws IOException {
        StoredFields fields = searcher.storedFields();
        List<Hit> hits = new ArrayList<>(docs.size());
        for (int doc : docs) {
            hits.add(toHit(fields.document(doc), scores.get(doc), cosines.getOrDefault(doc, Double.NaN)));
        }
        return hits;
    }

    static Hit toHit(Document doc, double score, double cosine) {
        String articleId = doc.get(IndexFields.ARTICLE_ID);
        String date = doc.get(IndexFields.DATE);
        Passage passage = new Passage(doc.get(IndexFields.PASSAGE_ID), articleId,
                doc.getField(IndexFields.ORDINAL).numericValue().intValue(), doc.get(IndexFields.TEXT),
                doc.getField(IndexFields.START).numericValue().intValue(), doc.getField(IndexFields.END).numericValue().intValue());
        ArticleRef article = new ArticleRef(articleId, doc.get(IndexFields.TITLE),
                date == null ? null : LocalDate.parse(date), doc.get(IndexFields.SOURCE), doc.get(IndexFields.URL));
        return new Hit(passage, article, score, cosine, List.of(doc.getValues(IndexFields.COPY_OF)));
    }
}
