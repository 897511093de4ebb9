package io.citebot.http;

import io.citebot.answer.Answer;
import io.citebot.chat.AnswerObserver;
import io.citebot.chat.ChatService;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /metrics} in Prometheus's text format, through Micrometer: requests by route, method and status
 * (a latency histogram), answers by outcome, retrieval and answering latency, model calls and failures, the
 * index's size and what ingest could not read, the answer gate, and the JVM (memory, GC, threads, CPU).
 */
final class Metrics implements AnswerObserver {

    private static final String STARTED = "citebot.metrics.started";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer retrieval;
    private final Timer answering;
    private final Counter modelCalls;
    private final Counter modelFailures;
    private final Map<String, Timer> stages = new ConcurrentHashMap<>();

    private final List<String> signedPrefixes;

    /** @param signedPrefixes paths recorded by their raw path (a signed door's few fixed routes) */
    Metrics(ChatService chat, List<String> signedPrefixes) {
        this.signedPrefixes = signedPrefixes;
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        retrieval = latency("citebot.retrieval", "time to find an answer's passages");
        answering = latency("citebot.answering", "time to compose an answer from its passages (a model call included)");
        modelCalls = Counter.builder("citebot.model.calls").description("answers a language model was asked for").register(registry);
        modelFailures = Counter.builder("citebot.model.failures")
                .description("model calls that failed, answered extractively instead").register(registry);
        Gauge.builder("citebot.index.articles", chat, c -> c.status().articles()).description("articles indexed").register(registry);
        Gauge.builder("citebot.index.passages", chat, c -> c.status().passages()).description("passages indexed").register(registry);
        Gauge.builder("citebot.ingest.problems", chat, c -> c.status().problems().size())
                .description("files the last ingest could not read").register(registry);
        Gauge.builder("citebot.ingest.running", chat, c -> c.status().ingesting() ? 1 : 0).description("1 while an ingest runs").register(registry);
        chat.addObserver(this);
    }

    /** The answer gate's bound and the answers inside it. */
    void gate(AnswerGate gate) {
        Gauge.builder("citebot.gate.limit", gate, AnswerGate::limit)
                .description("answers that may run at once now (adapts to how busy this process's cores are)").register(registry);
        Gauge.builder("citebot.gate.running", gate, AnswerGate::running).description("answers running now").register(registry);
    }

    /** One timer a stage of a question: {@code citebot_stage_seconds{stage="embedding|retrieval|composition|storage"}}. */
    @Override
    public void stage(String stage, long nanos) {
        stages.computeIfAbsent(stage, s -> Timer.builder("citebot.stage").tag("stage", s)
                        .description("time of one stage of a question: embedding, retrieval (without the embedding), composition, storage")
                        .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(100_000))
                        .maximumExpectedValue(Duration.ofSeconds(60)).register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer latency(String name, String description) {
        return Timer.builder(name).description(description).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60)).register(registry);
    }

    @Override
    public void answered(Answer answer, long retrievalNanos, long answerNanos, boolean modelUsed) {
        retrieval.record(retrievalNanos, TimeUnit.NANOSECONDS);
        answering.record(answerNanos, TimeUnit.NANOSECONDS);
        String outcome = answer.fallback() != null ? "fallback" : answer.refused() ? "refused" : "answered";
        registry.counter("citebot.answers", "outcome", outcome).increment();
        if (modelUsed) {
            modelCalls.increment();
            if (answer.fallback() != null) {
                modelFailures.increment();
            }
        }
    }

    void before(Context ctx) {
        ctx.attribute(STARTED, System.nanoTime());
    }

    /** Records a finished request under its route's template ("/api/conversations/{id}"), not its raw path. */
    void after(Context ctx) {
        Object started = ctx.attribute(STARTED);
        if (!(started instanceof Long t0)) {
            return;
        }
        String route;
        try {
            var endpoint = ctx.endpoints().lastHttpEndpoint();
            route = endpoint != null ? endpoint.path : signedPrefixes.stream().anyMatch(ctx.path()::startsWith) ? ctx.path() : "other";
        } catch (RuntimeException e) {
            route = "other";
        }
        Timer.builder("citebot.http.requests").description("HTTP requests by route, method and status").publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
                .tags("route", route, "method", ctx.method().name(), "status", String.valueOf(ctx.statusCode()))
                .register(registry).record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
    }

    void scrape(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
    }
}
