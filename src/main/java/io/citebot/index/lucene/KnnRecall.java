package io.citebot.index.lucene;

import io.citebot.index.IndexFields;
import io.citebot.index.Embedder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.VectorUtil;

/**
 * How much of the exact nearest-neighbour top 10 the HNSW graph returns: asking for 10, and asking for
 * {@code candidates} and keeping the best 10 (what the dense retriever does), the graph's search
 * as wide either way as the retriever's ({@link LuceneSearch#graphWidth}).
 */
public final class KnnRecall {

    static final int TOP = 10;

    /** Recall@10 of HNSW asked for 10, and asked for {@code candidates}. */
    public record Result(int queries, double recallAsking10, double recallAskingCandidates, int candidates) {
    }

    private KnnRecall() {
    }

    public static Result measure(ArticleIndex index, Embedder embedder, List<String> questions, int candidates) throws IOException {
        double narrow = 0;
        double wide = 0;
        for (String q : questions) {
            float[] v = embedder.embedQuery(q);
            Set<Integer> exact = exactTop(index, v);
            narrow += overlap(index, v, TOP, exact);
            wide += overlap(index, v, candidates, exact);
        }
        return new Result(questions.size(), narrow / questions.size(), wide / questions.size(), candidates);
    }

    private static double overlap(ArticleIndex index, float[] v, int ask, Set<Integer> exact) throws IOException {
        return index.withSearcher(s -> {
            var filter = new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_PASSAGE));
            int wide = LuceneSearch.graphWidth(ask, s.getIndexReader());
            ScoreDoc[] docs = s.search(new KnnFloatVectorQuery(IndexFields.VECTOR, v, wide, filter), TOP).scoreDocs;
            int found = 0;
            for (ScoreDoc sd : docs) {
                if (exact.contains(sd.doc)) {
                    found++;
                }
            }
            return (double) found / Math.min(TOP, Math.max(1, exact.size()));
        });
    }

    /** The exact top 10 by brute force over every live passage vector. */
    private static Set<Integer> exactTop(ArticleIndex index, float[] v) throws IOException {
        return index.withSearcher(s -> {
            PriorityQueue<ScoreDoc> top = new PriorityQueue<>((a, b) -> Float.compare(a.score, b.score));
            for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
                FloatVectorValues values = leaf.reader().getFloatVectorValues(IndexFields.VECTOR);
                if (values == null) {
                    continue;
                }
                KnnVectorValues.DocIndexIterator it = values.iterator();
                var live = leaf.reader().getLiveDocs();
                for (int d = it.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = it.nextDoc()) {
                    if (live != null && !live.get(d)) {
                        continue;
                    }
                    top.add(new ScoreDoc(leaf.docBase + d, VectorUtil.dotProduct(v, values.vectorValue(it.index()))));
                    if (top.size() > TOP) {
                        top.poll();
                    }
                }
            }
            Set<Integer> ids = new HashSet<>();
            for (ScoreDoc sd : new ArrayList<>(top)) {
                ids.add(sd.doc);
            }
            return ids;
        });
    }
}
