package io.citebot.index.lucene;

import io.citebot.index.Filters;
import io.citebot.index.Hit;
import io.citebot.index.IndexFields;
import io.citebot.index.PassageSearcher;
import io.citebot.index.SearchBackend;
import io.citebot.index.StoredArticle;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BytesRef;

/** The embedded Lucene index as a {@link SearchBackend}: each read view is one searcher, keys are its doc ids. */
public final class LuceneBackend implements SearchBackend {

    /**
     * Runs a question's BM25 search beside its embedding and graph search (a virtual thread each: nothing to size or
     * close).
     */
    private static final ExecutorService BESIDE = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("bm25-", 0).factory());

    private final ArticleIndex index;

    public LuceneBackend(ArticleIndex index) {
        this.index = index;
    }

    @Override
    public <T> T read(Work<T> work) throws IOException {
        return index.withSearcher(searcher -> work.run(new View(searcher)));
    }

    @Override
    public Map<String, StoredArticle> articles() throws IOException {
        return index.articles();
    }

    /** One searcher's view. */
    private final class View implements PassageSearcher {
        private final IndexSearcher searcher;

        View(IndexSearcher searcher) {
            this.searcher = searcher;
        }

        @Override
        public List<Scored> bm25(String text, int n, Filters filters) throws IOException {
            filters = LuceneSearch.withoutIdleDates(filters, searcher.getIndexReader());
            Query query = LuceneSearch.bm25(index.analysis(), text, filters, searcher);
            return query == null ? List.of() : scored(searcher.search(query, n).scoreDocs, false);
        }

        @Override
        public List<Scored> nearest(float[] vector, int n, Filters filters) throws IOException {
            return nearestWithin(vector, n, LuceneSearch.withoutIdleDates(filters, searcher.getIndexReader()));
        }

        /** {@link #nearest} with filters whose idle date range is dropped already. */
        private List<Scored> nearestWithin(float[] vector, int n, Filters filters) throws IOException {
            // the graph explores as widely as it is asked: asked for more, it finds more of the true nearest
            int wide = LuceneSearch.graphWidth(n, searcher.getIndexReader());
            if (!LuceneSearch.restricts(filters) && LuceneSearch.oneDominantSegment(searcher.getIndexReader())) {
                return scored(LuceneSearch.nearestInEachSegment(searcher, vector, wide, n), true);
            }
            return scored(searcher.search(LuceneSearch.knn(vector, wide, filters), n).scoreDocs, true);
        }

        /**
         * BM25 read only {@code n} deep: a dense candidate below it is scored exactly by advancing the query's scorer
         * to it, which costs far less than collecting a thousand-deep list for the few that need it. BM25 needs
         * nothing of the question's vector: it is searched on a thread of its own, on the other core, while this
         * thread computes the vector and searches the graph with it.
         */
        @Override
        public Candidates candidates(String text, Supplier<float[]> vectorOf, int n, Filters asked) throws IOException {
            Filters filters = LuceneSearch.withoutIdleDates(asked, searcher.getIndexReader());
            Future<Lexical> lexical = BESIDE.submit(() -> {
                Query query = LuceneSearch.bm25(index.analysis(), text, filters, searcher);
                if (query == null) {
                    return new Lexical(List.of(), null);
                }
                // and the weight that will score the dense candidates outside the top, which needs no vector either
                return new Lexical(scored(searcher.search(query, n).scoreDocs, false), LuceneSearch.scoring(searcher, query));
            });
            float[] vector;
            List<Scored> dense;
            try {
                vector = vectorOf.get();
                dense = nearestWithin(vector, n, filters);
            } catch (IOException | RuntimeException | Error e) {
                try {
                    result(lexical); // not left reading a searcher that goes back to the manager
                } catch (IOException | RuntimeException ignored) {
                    // the first failure is the one to report
                }
                throw e;
            }
            Lexical lex = result(lexical);
            Map<Integer, Double> bm25 = new HashMap<>();
            List<Integer> keys = new ArrayList<>(lex.top().size());
            for (Scored sc : lex.top()) {
                bm25.put(sc.key(), sc.score());
                keys.add(sc.key());
            }
            return complete(keys, bm25, dense, vector,
                    missing -> lex.scoring() == null ? Map.of() : LuceneSearch.scores(searcher, lex.scoring(), missing));
        }

        /** BM25's top passages for a question, and the weight that scores others (null: no searchable term). */
        private record Lexical(List<Scored> top, Weight scoring) {
        }

        /** The reader: the same one while nothing was written or merged (doc ids name the same passages). */
        @Override
        public Object contents() {
            return searcher.getIndexReader();
        }

        @Override
        public Map<Integer, Double> cosines(float[] vector, int[] keys) throws IOException {
            return LuceneSearch.cosines(searcher, vector, keys);
        }

        @Override
        public List<Hit> load(List<Integer> keys, Map<Integer, Double> scores, Map<Integer, Double> cosines) throws IOException {
            return LuceneSearch.load(searcher, keys, scores, cosines);
        }

        @Override
        public List<Hit> byIds(Collection<String> passageIds, Filters filters, int max) throws IOException {
            if (passageIds.isEmpty()) {
                return List.of();
            }
            Query query = new BooleanQuery.Builder()
                    .add(new TermInSetQuery(IndexFields.PASSAGE_ID, passageIds.stream().map(BytesRef::new).toList()), BooleanClause.Occur.MUST)
                    .add(LuceneFilters.of(filters), BooleanClause.Occur.FILTER)
                    .build();
            return hits(query, max);
        }

        @Override
        public Map<String, List<Hit>> copies(List<Hit> passages, Filters filters) throws IOException {
            return passages.isEmpty() ? Map.of() : CopyLinks.of(searcher, passages, LuceneFilters.of(filters));
        }

        @Override
        public List<Hit> ofArticle(String articleId, int max) throws IOException {
            Query query = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(IndexFields.ARTICLE_ID, articleId)), BooleanClause.Occur.MUST)
                    .add(new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_PASSAGE)), BooleanClause.Occur.FILTER)
                    .build();
            return hits(query, max);
        }

        private List<Hit> hits(Query query, int max) throws IOException {
            List<Hit> hits = new ArrayList<>();
            var fields = searcher.storedFields();
            for (ScoreDoc sd : searcher.search(query, max).scoreDocs) {
                hits.add(LuceneSearch.toHit(fields.document(sd.doc), 1.0, Double.NaN));
            }
            return hits;
        }

        private static <T> T result(Future<T> task) throws IOException {
            try {
                return task.get();
            } catch (InterruptedException e) {
                task.cancel(true);
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while searching");
            } catch (ExecutionException e) {
                switch (e.getCause()) {
                    case IOException io -> throw io;
                    case RuntimeException r -> throw r;
                    case Error err -> throw err;
                    default -> throw new IOException(e.getCause());
                }
            }
        }

        private static List<Scored> scored(ScoreDoc[] docs, boolean cosine) {
            List<Scored> out = new ArrayList<>(docs.length);
            for (ScoreDoc sd : docs) {
                out.add(new Scored(sd.doc, cosine ? LuceneSearch.cosineOf(sd.score) : sd.score));
            }
            return out;
        }
    }
}
