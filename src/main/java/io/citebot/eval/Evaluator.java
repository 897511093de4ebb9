package io.citebot.eval;

import io.citebot.answer.Answer;
import io.citebot.answer.Citation;
import io.citebot.chat.AnswerObserver;
import io.citebot.chat.ChatService;
import io.citebot.chat.SearchOptions;
import io.citebot.config.RetrievalMode;
import io.citebot.index.Filters;
import io.citebot.index.Hit;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs benchmark questions through the same core every door calls (time words, filters, retrieval, answer)
 * and measures retrieval and answers the way a user meets them: one question at a time, after a warm-up, with
 * relative dates counted from the day the question was asked where the set says.
 */
public final class Evaluator {

    /** Questions answered before latency is recorded, so the JIT has compiled the hot paths. */
    static final int WARMUP_QUERIES = 200;
    /** Passages searched per question for the ranking: enough for article-level hits@10 after collapsing. */
    static final int RETRIEVE_PASSAGES = 30;

    private final ChatService chat;
    private final RetrievalMode mode;
    /** The embedding time of the question being asked, from the chat's stage timers (questions are asked one at a time). */
    private final AtomicLong embeddingNanos = new AtomicLong();

    public Evaluator(ChatService chat, RetrievalMode mode) {
        this.chat = chat;
        this.mode = mode;
        chat.addObserver(new AnswerObserver() {
            @Override
            public void answered(Answer answer, long retrievalNanos, long answerNanos, boolean modelUsed) {
            }

            @Override
            public void stage(String stage, long nanos) {
                if (stage.equals("embedding")) {
                    embeddingNanos.addAndGet(nanos);
                }
            }
        });
    }

    /**
     * One question's outcome.
     *
     * @param millis          the question's time: retrieval and answer, as a user waits for them
     * @param embeddingMillis the part of it spent embedding the question, timed in the same run
     */
    public record Outcome(EvalQuery query, List<String> rankedArticles, Answer answer, double millis, double embeddingMillis,
                          List<Hit> hits) {
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

    /** The questions once each, with no warm-up (for a second set after {@link #run}). */
    public List<Outcome> runOnce(List<EvalQuery> queries) {
        return queries.stream().map(this::ask).toList();
    }

    /**
     * The answer and its time are exactly a user's (the configured top k passages, then the answer); the ranking is
     * read from a deeper search of the same plan afterwards, untimed, so that hits@10 can be measured.
     */
    private Outcome ask(EvalQuery q) {
        SearchOptions options = new SearchOptions(mode, Filters.NONE, q.questionDate());
        embeddingNanos.set(0);
        long t0 = System.nanoTime();
        var answered = chat.answerWithHits(q.question(), options);
        double millis = (System.nanoTime() - t0) / 1e6;
        double embeddingMillis = embeddingNanos.get() / 1e6;
        List<Hit> deeper = chat.search(q.question(), RETRIEVE_PASSAGES, options);
        List<String> ranked = new ArrayList<>(new LinkedHashSet<>(deeper.stream().map(h -> h.article().id()).toList()));
        return new Outcome(q, ranked, answered.answer(), millis, embeddingMillis, answered.retrieved());
    }

    /**
     * Aggregates outcomes into a report; ingest figures come from the caller. Retrieval is averaged over the
     * questions that name a gold document, answers over all questions.
     */
    public static EvalReport report(String mode, List<Outcome> outcomes, int passages, double ingestSeconds,
                                    double modelPassagesPerSecond) {
        int n = outcomes.size();
        int withEvidence = 0;
        double h1 = 0, h5 = 0, h10 = 0, r5 = 0, mrr = 0, contained = 0, cited = 0, refused = 0, words = 0, questions = 0;
        double shortN = 0, shortEm = 0, shortF1 = 0;
        double[] latencies = new double[n];
        double[] embeddings = new double[n];
        double[] rest = new double[n];
        for (int i = 0; i < n; i++) {
            Outcome o = outcomes.get(i);
            latencies[i] = o.millis();
            embeddings[i] = o.embeddingMillis();
            rest[i] = o.millis() - o.embeddingMillis();
            var evidence = o.query().evidenceDocIds();
            if (!evidence.isEmpty()) {
                withEvidence++;
                h1 += Metrics.hitsAt(o.rankedArticles(), evidence, 1);
                h5 += Metrics.hitsAt(o.rankedArticles(), evidence, 5);
                h10 += Metrics.hitsAt(o.rankedArticles(), evidence, 10);
                r5 += Metrics.recallAt(o.rankedArticles(), evidence, 5);
                mrr += Metrics.reciprocalRank(o.rankedArticles(), evidence, 10);
            }
            if (o.answer().refused()) {
                refused++;
                continue;
            }
            if (o.answer().shortAnswer() != null) {
                shortN++;
                shortEm += Metrics.exactMatch(o.answer().shortAnswer().text(), o.query().answers());
                shortF1 += Metrics.f1(o.answer().shortAnswer().text(), o.query().answers());
            }
            words += Metrics.words(o.answer().text());
            if (Metrics.hasQuestionSentence(o.answer().text())) {
                questions++;
            }
            if (Metrics.containsAnswer(o.answer().text(), o.query().answers())) {
                contained++;
            }
            if (o.answer().citations().stream().map(Citation::text).anyMatch(t -> Metrics.containsAnswer(t, o.query().answers()))) {
                cited++;
            }
        }
        double answered = Math.max(1, n - refused);
        double r = Math.max(1, withEvidence);
        return new EvalReport(mode, n, withEvidence, h1 / r, h5 / r, h10 / r, r5 / r, mrr / r, contained / answered,
                n == 0 ? 0 : contained / n, cited / answered, refused / n, questions / answered, words / answered, passages,
                ingestSeconds, ingestSeconds > 0 ? passages / ingestSeconds : 0, modelPassagesPerSecond,
                Metrics.quantile(latencies, 0.5), Metrics.quantile(latencies, 0.99), Metrics.quantile(embeddings, 0.5),
                Metrics.quantile(rest, 0.5), peakHeapMb(),
                n == 0 ? 0 : shortN / n, n == 0 ? 0 : shortEm / n, n == 0 ? 0 : shortF1 / n, shortEm / Math.max(1, shortN));
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
