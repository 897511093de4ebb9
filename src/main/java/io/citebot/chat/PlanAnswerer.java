package io.citebot.chat;

import io.citebot.answer.Answer;
import io.citebot.answer.AnswerStream;
import io.citebot.answer.Answerer;
import io.citebot.answer.OutOfPeriod;
import io.citebot.answer.Syndication;
import io.citebot.index.Hit;
import io.citebot.index.SearchBackend;
import io.citebot.index.SearchRequest;
import io.citebot.retrieval.StoryCopies;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * Answers a planned question: its passages with each report once, the answer composed from them and checked
 * against the question's period, each stage timed for the observers (metrics, the benchmark).
 */
final class PlanAnswerer {

    /** How many times the usual passages a timeline question reads. */
    static final int TIMELINE_DEPTH = 3;

    private final Planner planner;
    private final Answerer answerer;
    private final SearchBackend backend;
    private final int topK;
    private final List<AnswerObserver> observers = new CopyOnWriteArrayList<>();
    private volatile LongSupplier embeddingNanos = () -> 0;

    PlanAnswerer(Planner planner, Answerer answerer, SearchBackend backend, int topK) {
        this.planner = planner;
        this.backend = backend;
        this.answerer = answerer;
        this.topK = topK;
    }

    void timeEmbeddingWith(LongSupplier embeddingNanos) {
        this.embeddingNanos = embeddingNanos;
    }

    void addObserver(AnswerObserver observer) {
        observers.add(observer);
    }

    /** Tells the observers of a stage outside answering (the turn's storage). */
    void stage(String stage, long nanos) {
        observers.forEach(o -> o.stage(stage, nanos));
    }

    /** Retrieves for a plan and composes the answer (streamed to {@code out} when not null), timing both. */
    ChatService.Answered answer(Planner.Plan plan, SearchOptions options, AnswerStream out) {
        embeddingNanos.getAsLong(); // what this thread embedded before belongs to no question of this one
        long t0 = System.nanoTime();
        Syndication.Collapsed story = onceEach(plan, options);
        List<Hit> hits = story.kept();
        long t1 = System.nanoTime();
        Answer answer = out == null ? answerer.answer(plan.question(), hits) : answerer.stream(plan.question(), hits, out);
        answer = answer.withAlsoReportedBy(story.copies());
        if (plan.window() != null) {
            // "this year", "this week": old coverage is not passed off as current
            answer = OutOfPeriod.check(answer, plan.window().from(), plan.window().to());
        }
        // "after the 2024 event" answered from articles of 2022 that never mention 2024: refused
        answer = OutOfPeriod.check(answer, plan.question());
        long t2 = System.nanoTime();
        long embedding = embeddingNanos.getAsLong();
        for (AnswerObserver o : observers) {
            o.answered(answer, t1 - t0, t2 - t1, answerer.usesModel());
            o.stage("embedding", embedding);
            o.stage("retrieval", Math.max(0, t1 - t0 - embedding));
            o.stage("composition", t2 - t1);
        }
        return new ChatService.Answered(hits, answer);
    }

    /**
     * The top passages for a plan with each report once: copies of one report in several outlets (retrieved, or
     * elsewhere in the archive: {@link StoryCopies}) are cited as its earliest copy ("also reported by" the others),
     * and the places they held go to the next passages.
     */
    private Syndication.Collapsed onceEach(Planner.Plan plan, SearchOptions options) {
        // a timeline needs the story's reports across its dates, not only the best few
        int k = plan.timeline() ? Math.min(SearchRequest.MAX_K, TIMELINE_DEPTH * topK) : topK;
        List<Hit> retrieved = planner.retrieve(plan, k, options);
        Map<String, List<Hit>> archived = new HashMap<>(StoryCopies.of(backend, retrieved, plan.filters()));
        Syndication.Collapsed story = Syndication.collapse(retrieved, archived);
        if (story.kept().size() == retrieved.size()) {
            return story;
        }
        // the freed places go to the passages that come next: the first ones keep their order
        List<Hit> combined = new ArrayList<>(retrieved);
        Set<String> taken = new HashSet<>();
        retrieved.forEach(h -> taken.add(h.passage().id()));
        List<Hit> next = new ArrayList<>();
        for (Hit h : planner.retrieve(plan, Math.min(SearchRequest.MAX_K, 2 * k), options)) {
            if (taken.add(h.passage().id())) {
                next.add(h);
            }
        }
        combined.addAll(next);
        archived.putAll(StoryCopies.of(backend, next, plan.filters()));
        Syndication.Collapsed deeper = Syndication.collapse(combined, archived);
        List<Hit> kept = deeper.kept().subList(0, Math.min(k, deeper.kept().size()));
        return new Syndication.Collapsed(kept, deeper.copies());
    }
}
