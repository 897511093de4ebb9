package io.citebot.eval;

import io.citebot.answer.Answer;
import io.citebot.answer.Answerer;
import io.citebot.answer.Citation;
import io.citebot.retrieval.Hit;
import io.citebot.retrieval.Retriever;
import io.citebot.retrieval.SearchRequest;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Runs benchmark questions through retrieval and answering and measures both, the way a user meets them:
 * one question at a time, after a warm-up.
 */
public final class Evaluator {

    /** Questions answered before latency is recorded, so the JIT has compiled the hot paths. */
    static final int WARMUP_QUERIES = 200;
    /** Passages retrieved per question: enough for article-level hits@10 after collapsing. */
    static final int RETRIEVE_PASSAGES = 30;

    private final Retriever retriever;
    private final Answerer answerer;
    private final int answerPassages;

    /**
     * @param answerPassages how many of the retrieved passages the answerer sees (the configured top k)
     */
    public Evaluator(Retriever retriever, Answerer answerer, int answerPassages) {
        this.retriever = retriever;
        this.answerer = answerer;
        this.answerPassages = answerPassages;
    }

    /** One question's outcome. */
    public record Outcome(EvalQuery query, List<String> rankedArticles, Answer answer, double millis) {
    }

    public List<Outcome> run(List<EvalQuery> queries) {
        for (int i = 0; i < Math.min(WARMUP_QUERIES, queries.size()); i++) {
            ask(queries.get(i));
        }
        List<Outcome> outcomes = new ArrayList<>(queries.size());
        for (EvalQuery q : queries) {
            outcomes.add(ask(q));
        }
        return outcomes;
    }

    private Outcome ask(EvalQuery q) {
        long t0 = System.nanoTime();
        List<Hit> hits = retriever.retrieve(new SearchRequest(q.question(), RETRIEVE_PASSAGES));
        Answer answer = answerer.answer(q.question(), hits.subList(0, Math.min(answerPassages, hits.size())));
        double millis = (System.nanoTime() - t0) / 1e6;
        List<String> ranked = new ArrayList<>(new LinkedHashSet<>(hits.stream().map(h -> h.article().id()).toList()));
        return new Outcome(q, ranked, answer, millis);
    }

    /** Aggregates outcomes into a report; ingest figures come from the caller. */
    public static EvalReport report(String mode, List<Outcome> outcomes, int passages, double ingestSeconds,
                                    double modelPassagesPerSecond) {
        int n = outcomes.size();
        double h1 = 0, h5 = 0, h10 = 0, r5 = 0, mrr = 0, contained = 0, cited = 0, refused = 0, words = 0;
        double[] latencies = new double[n];
        for (int i = 0; i < n; i++) {
            Outcome o = outcomes.get(i);
            var evidence = o.query().evidenceDocIds();
            h1 += Metrics.hitsAt(o.rankedArticles(), evidence, 1);
            h5 += Metrics.hitsAt(o.rankedArticles(), evidence, 5);
            h10 += Metrics.hitsAt(o.rankedArticles(), evidence, 10);
            r5 += Metrics.recallAt(o.rankedArticles(), evidence, 5);
            mrr += Metrics.reciprocalRank(o.rankedArticles(), evidence, 10);
            latencies[i] = o.millis();
            if (o.answer().refused()) {
                refused++;
                continue;
            }
            words += Metrics.words(o.answer().text());
            if (Metrics.containsAnswer(o.answer().text(), o.query().answers())) {
                contained++;
            }
            if (o.answer().citations().stream().map(Citation::text).anyMatch(t -> Metrics.containsAnswer(t, o.query().answers()))) {
                cited++;
            }
        }
        double answered = Math.max(1, n - refused);
        return new EvalReport(mode, n, h1 / n, h5 / n, h10 / n, r5 / n, mrr / n, contained / answered, cited / answered,
                refused / n, words / answered, passages, ingestSeconds, ingestSeconds > 0 ? passages / ingestSeconds : 0,
                modelPassagesPerSecond, Metrics.quantile(latencies, 0.5), Metrics.quantile(latencies, 0.99), peakHeapMb());
    }

    static long peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / (1024 * 1024);
    }
}
