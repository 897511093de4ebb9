package io.citebot.index;

import java.util.List;

/**
 * An embedder that keeps, per thread, the time its question embeddings took, so a question's embedding can be told
 * apart from the rest of its retrieval ({@link #takeNanos}). Passage embeddings (ingest) are not counted.
 *
 * <p>It also remembers, per thread, the last question it embedded: a question searched twice in a row (a deeper
 * search when copies of one report took places among its passages) is embedded once. A question's vector depends
 * on its text alone, so nothing remembered goes stale; one vector per thread is all that is kept.
 */
public final class TimedEmbedder implements Embedder {

    private final Embedder inner;
    private final ThreadLocal<long[]> spent = ThreadLocal.withInitial(() -> new long[1]);
    private final ThreadLocal<Last> last = new ThreadLocal<>();

    private record Last(String question, float[] vector) {
    }

    public TimedEmbedder(Embedder inner) {
        this.inner = inner;
    }

    @Override
    public int dimension() {
        return inner.dimension();
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        return inner.embed(texts);
    }

    @Override
    public float[] embedQuery(String question) {
        long t0 = System.nanoTime();
        try {
            Last l = last.get();
            if (l != null && l.question().equals(question)) {
                return l.vector().clone();
            }
            float[] v = inner.embedQuery(question);
            last.set(new Last(question, v.clone()));
            return v;
        } finally {
            spent.get()[0] += System.nanoTime() - t0;
        }
    }

    /** The time this thread spent embedding questions since it last asked, and starts counting again. */
    public long takeNanos() {
        long[] s = spent.get();
        long n = s[0];
        s[0] = 0;
        return n;
    }
}
