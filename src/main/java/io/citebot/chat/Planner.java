package io.citebot.chat;

import io.citebot.answer.Overview;
import io.citebot.answer.Timeline;
import io.citebot.index.Filters;
import io.citebot.index.Hit;
import io.citebot.index.IndexBackend;
import io.citebot.index.SearchBackend;
import io.citebot.index.SearchRequest;
import io.citebot.retrieval.Leads;
import io.citebot.retrieval.Recency;
import io.citebot.retrieval.Retriever;
import io.citebot.retrieval.TimeExpressions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * How a question is searched: its time words, whether it asks for an overview or for the latest news, and the
 * retrieval (with a recency rerank or a soft date window where the question asks for one).
 */
final class Planner {

    private final Retriever retriever;
    private final IndexBackend index;
    private final SearchBackend backend;

    Planner(Retriever retriever, IndexBackend index, SearchBackend backend) {
        this.retriever = retriever;
        this.index = index;
        this.backend = backend;
    }

    /**
     * The question as it will be searched and answered: time words ("in April 2025", "last week") become a
     * date range (unless the caller gave one) and leave the text; "latest" asks for newer articles first. An
     * overview question ("Summarize the news about Iran") searches its topic and is answered as a brief; one
     * about the whole archive ("What are these articles about?") browses the newest articles instead.
     *
     * @param text     what is searched
     * @param question what the answerer is asked
     * @param window   a relative date range to prefer rather than filter by, or null
     * @param timeline the question asks how a story unfolded: more passages, across dates, are searched
     */
    record Plan(String text, String question, Filters filters, boolean recent, boolean browse, Supplier<LocalDate> now,
                        TimeExpressions.Scope window, boolean timeline) {

        Plan(String text, String question, Filters filters, boolean recent, boolean browse, Supplier<LocalDate> now,
             TimeExpressions.Scope window) {
            this(text, question, filters, recent, browse, now, window, false);
        }
    }

    Plan plan(String question, SearchOptions options) {
        Supplier<LocalDate> now = options.now() != null ? options::now : newestDate();
        var timeline = Timeline.topic(question);
        if (timeline.isPresent()) {
            // "How did the Iran talks unfold in April?": a date range filters; the story is searched across dates
            TimeExpressions.Scope scope = TimeExpressions.parse(timeline.get(), now);
            Filters filters = options.filters();
            if (!filters.hasDateRange() && (scope.from() != null || scope.to() != null)) {
                filters = filters.withQuestionDates(scope.from(), scope.to());
            }
            return new Plan(scope.remainder(), Timeline.question(scope.remainder()), filters, false, false, now, null, true);
        }
        var overview = Overview.topic(question);
        String parsed = overview.orElse(question);
        TimeExpressions.Scope scope = TimeExpressions.parse(parsed, now);
        Filters filters = options.filters();
        boolean dated = scope.from() != null || scope.to() != null;
        // "this week" with a topic is a soft window (a boost); "in April 2025", or "this week" alone, a filter
        boolean soft = dated && scope.relative() && !scope.remainder().equals(parsed) && hasTopic(scope.remainder());
        if (!filters.hasDateRange() && dated && !soft) {
            filters = filters.withQuestionDates(scope.from(), scope.to());
        }
        TimeExpressions.Scope window = soft && !filters.hasDateRange() ? scope : null;
        if (overview.isEmpty()) {
            return new Plan(scope.remainder(), scope.remainder(), filters, scope.recent(), false, now, window);
        }
        String topic = overview.get().isEmpty() ? "" : scope.remainder();
        // "What's the latest on ..." asks for recent news even though "latest" is not part of the topic
        boolean recent = scope.recent() || TimeExpressions.parse(question, now).recent();
        return new Plan(topic, Overview.question(topic), filters, recent, topic.isEmpty(), now, window);
    }

    /** Words that ask about the news in general, not about a topic: "What happened last week?" has no topic. */
    private static final Set<String> GENERIC = Set.of("happen", "happened", "happening", "news", "new", "latest", "going",
            "story", "stories", "article", "articles", "headline", "headlines", "today", "week", "report", "reported");

    private boolean hasTopic(String text) {
        return index.analysis().queryTerms(text).stream().anyMatch(t -> !GENERIC.contains(t));
    }

    /** An archive whose newest article is at most this old is live: its "now" is today. */
    static final int LIVE_ARCHIVE_DAYS = 30;

    /**
     * What relative time words count from when the caller gives no "now": today for a live archive (its newest
     * article is under {@value #LIVE_ARCHIVE_DAYS} days old), else the newest article's date, so that "last
     * week" in a 2022 archive means its last week. Looked up at most once per question, and only when the
     * question needs it.
     */
    private Supplier<LocalDate> newestDate() {
        return new Supplier<>() {
            private LocalDate value;
            private boolean done;

            @Override
            public LocalDate get() {
                if (!done) {
                    try {
                        LocalDate today = LocalDate.now();
                        value = index.newestDate()
                                .map(newest -> newest.isAfter(today.minusDays(LIVE_ARCHIVE_DAYS)) ? today : newest)
                                .orElse(today);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    done = true;
                }
                return value;
            }
        };
    }

    List<Hit> retrieve(Plan plan, int k, SearchOptions options) {
        if (plan.browse()) {
            return Leads.newest(backend, k, plan.filters());
        }
        boolean rerank = plan.recent() || plan.window() != null;
        int depth = rerank ? Math.min(SearchRequest.MAX_K, k * 3) : k;
        List<Hit> hits = retriever.retrieve(new SearchRequest(plan.text(), depth, options.mode(), plan.filters()));
        if (plan.window() != null) {
            return Recency.rerankAround(hits, plan.window().from(), plan.window().to(), k);
        }
        return plan.recent() ? Recency.rerank(hits, plan.now().get(), k) : hits;
    }
}
