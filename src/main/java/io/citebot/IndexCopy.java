package io.citebot;

import io.citebot.index.Hashes;
import io.citebot.index.Hit;
import io.citebot.index.IndexBackend;
import io.citebot.index.Ingester;
import io.citebot.index.StoredArticle;
import io.citebot.index.lucene.ArticleIndex;
import io.citebot.index.lucene.LuceneBackend;
import io.citebot.ingest.Article;
import io.citebot.ingest.Passage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Copies an embedded Lucene index into another backend (a SolrCloud collection, or a new Lucene index) with its vectors, so an
 * archive moves to a cluster without being parsed or embedded again. Articles keep their ids, origins and content
 * hashes, so a later folder sync or feed poll on the cluster sees them as unchanged.
 */
public final class IndexCopy {

    /** What was copied. */
    public record Result(int articles, int passages, int files, long millis) {
    }

    /** Articles written between commits: a crash loses at most this many, and the copy can simply be run again. */
    static final int COMMIT_EVERY = 5_000;

    private IndexCopy() {
    }

    /**
     * Writes every article of an index written before copy sketches existed again, in place, from its stored
     * passages and vectors (nothing is parsed or embedded), and records that the index is sketched. Articles are
     * replaced whole, so a crash part way leaves each old or new, and the next start does it again.
     */
    public static Result addSketches(ArticleIndex index, IntConsumer progress) throws IOException {
        Result r = copy(index, index, progress);
        index.sketchesAdded();
        return r;
    }

    public static Result copy(ArticleIndex from, IndexBackend to, IntConsumer progress) throws IOException {
        long t0 = System.nanoTime();
        LuceneBackend source = new LuceneBackend(from);
        Map<String, StoredArticle> articles = from.articles();
        int done = 0;
        int passages = 0;
        for (StoredArticle a : articles.values()) {
            List<Hit> hits = new ArrayList<>(source.read(v -> v.ofArticle(a.id(), Math.max(1, a.passages()) * 2 + 10)));
            hits.sort(Comparator.comparingInt(h -> h.passage().ordinal()));
            List<Passage> ps = hits.stream().map(Hit::passage).toList();
            Article article = new Article(a.id(), a.title(), String.join("\n\n", ps.stream().map(Passage::text).toList()),
                    a.date(), a.source(), a.url());
            Map<String, float[]> stored = from.vectorsOf(a.id());
            List<float[]> vectors = new ArrayList<>(ps.size());
            for (Passage p : ps) {
                float[] v = stored.get(Hashes.ofText(Ingester.embeddingInput(article, p)));
                if (v == null) {
                    throw new IOException("the source index has no vector for passage " + p.id());
                }
                vectors.add(v);
            }
            to.put(article, ps, vectors, a.origin(), a.contentHash());
            passages += ps.size();
            if (++done % COMMIT_EVERY == 0) {
                to.commit();
            }
            progress.accept(done);
        }
        Map<String, String> files = from.files();
        for (var f : files.entrySet()) {
            to.putFile(f.getKey(), f.getValue());
        }
        to.commit();
        return new Result(done, passages, files.size(), (System.nanoTime() - t0) / 1_000_000);
    }
}
