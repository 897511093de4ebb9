package io.citebot.cli;

import io.citebot.Citebot;
import io.citebot.chat.InvalidInputException;
import io.citebot.config.Config;
import io.citebot.config.RetrievalMode;
import io.citebot.eval.Calibration;
import io.citebot.eval.EvalDetails;
import io.citebot.eval.EvalQuery;
import io.citebot.eval.EvalReport;
import io.citebot.eval.Evaluator;
import io.citebot.eval.LeftOutGold;
import io.citebot.eval.Metrics;
import io.citebot.eval.QueryFile;
import io.citebot.index.Hashes;
import io.citebot.index.IngestReport;
import io.citebot.index.lucene.ArticleIndex;
import io.citebot.index.lucene.KnnRecall;
import io.citebot.index.solr.SolrIndex;
import io.citebot.json.Json;
import io.citebot.retrieval.DenseRetriever;
import io.citebot.watch.WatchReplay;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code citebot eval}: retrieval and answer quality on a QA benchmark (docs.jsonl + queries.jsonl), with
 * ingest speed and latency. {@code --calibrate} measures where the refusal threshold should lie instead.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Measure retrieval, answers and speed on a QA benchmark; or calibrate the refusal threshold.")
final class EvalCommand implements Callable<Integer> {

    /** Questions used to measure HNSW recall against exact search. */
    static final int KNN_RECALL_QUERIES = 500;

    @ParentCommand
    CitebotCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--docs", paramLabel = "FILE.jsonl", description = "the corpus: {id, title, text, ...} a line")
    Path docs;

    @Option(names = "--queries", paramLabel = "FILE.jsonl",
            description = "questions: {id, question, answers, evidence_doc_ids} a line")
    Path queries;

    @Option(names = "--extraction", paramLabel = "DIR", description = "instead of QA: score article extraction on a folder"
            + " with ground-truth.json and html/<key>.html.gz (word 4-gram F1, the Article Extraction Benchmark's metric)")
    Path extraction;

    @Option(names = "--limit", paramLabel = "N", description = "use only the first N questions")
    Integer limit;

    @Option(names = "--mode", paramLabel = "MODE", description = "bm25, dense or hybrid (default: the configured mode)")
    String mode;

    @Option(names = "--json", description = "print the report as JSON")
    boolean json;

    @Option(names = "--fresh", description = "rebuild the benchmark index even if one for this corpus exists")
    boolean fresh;

    @Option(names = "--calibrate", description = "index half of the corpus's titles; score questions about the indexed half"
            + " (answerable) and the other half plus --negatives (unanswerable); print the threshold sweep")
    boolean calibrate;

    @Option(names = "--negatives", paramLabel = "FILE.jsonl", description = "questions from another corpus, all to be refused:"
            + " with --calibrate they join the unanswerable ones; otherwise their refusal rate and a threshold sweep are reported")
    Path negatives;

    @Option(names = "--details", paramLabel = "FILE.jsonl", description = "also write one JSON line per question (and per"
            + " --negatives and --leave-out-gold question): the answer, its evidence strength, and the passages it was composed from")
    Path details;

    @Option(names = "--watches", description = "also replay watches: for each question with a dated gold article, a watch of"
            + " the question made the day before it, checked once after a week of arrivals; report recall and precision")
    boolean watches;

    @Option(names = "--leave-out-gold", description = "also ask the questions that name a gold article of an index without"
            + " those articles (on-topic questions the archive cannot answer), and report how many are refused")
    boolean leaveOutGold;

    @Override
    public Integer call() throws Exception {
        if (extraction != null) {
            if (docs != null || queries != null || calibrate) {
                throw new InvalidInputException("--extraction takes no --docs, --queries or --calibrate");
            }
            return ExtractionEval.print(extraction, json, spec.commandLine().getOut());
        }
        if (docs == null || queries == null) {
            throw new InvalidInputException("eval needs --docs and --queries (or --extraction DIR)");
        }
        for (Path p : negatives == null ? List.of(docs, queries) : List.of(docs, queries, negatives)) {
            if (!Files.isRegularFile(p)) {
                throw new InvalidInputException("no such file: " + p);
            }
        }
        if (mode != null) {
            try {
                RetrievalMode.parse(mode);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(e.getMessage());
            }
        }
        if (leaveOutGold && calibrate) {
            throw new InvalidInputException("--leave-out-gold is not used with --calibrate");
        }
        if (details != null && (calibrate || details.getParent() != null && !Files.isDirectory(details.getParent()))) {
            throw new InvalidInputException(calibrate ? "--details is not written with --calibrate"
                    : "no such folder for --details: " + details.getParent());
        }
        if (limit != null && limit < 1) {
            throw new InvalidInputException("--limit must be at least 1");
        }
        List<EvalQuery> qs = QueryFile.read(queries);
        if (limit != null && qs.size() > limit) {
            qs = qs.subList(0, limit);
        }
        Config base = parent.config();
        RetrievalMode m = mode == null ? base.retrievalMode() : RetrievalMode.parse(mode);
        return calibrate ? new EvalCalibration(docs, negatives, m, this::openFresh).run(spec.commandLine().getOut(), base, qs)
                : evaluate(qs, base, m);
    }

    private int evaluate(List<EvalQuery> qs, Config base, RetrievalMode m) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        LeftOut leftOut = leaveOutGold ? askWithoutGold(base, qs, m) : null;
        Path dir = base.dataDir().resolve("eval").resolve(Hashes.of(Files.readAllBytes(docs)));
        try (Citebot bot = openFresh(base, dir)) {
            IngestReport ingest = bot.ingester().ingest(docs);
            double ingestSeconds = ingest.passagesWritten() > 0 ? ingest.millis() / 1000.0 : 0;
            var outcomes = new Evaluator(bot.chat(), m).run(qs);
            double modelSpeed = ingest.embedMillis() > 0 ? ingest.passagesEmbedded() * 1000.0 / ingest.embedMillis() : 0;
            EvalReport r = Evaluator.report(m.toString(), outcomes, bot.index().passageCount(), ingestSeconds, modelSpeed);
            List<Evaluator.Outcome> offTopic = negatives == null ? List.of()
                    : new Evaluator(bot.chat(), m).runOnce(QueryFile.read(negatives));
            KnnRecall.Result knn = m == RetrievalMode.BM25 || !(bot.index() instanceof ArticleIndex lucene) ? null
                    : KnnRecall.measure(lucene, bot.embedder(),
                    qs.stream().limit(KNN_RECALL_QUERIES).map(EvalQuery::question).toList(), DenseRetriever.MIN_CANDIDATES);
            StringBuilder watchLines = new StringBuilder();
            WatchReplay.Report replay = !watches ? null : WatchReplay.run(bot.chat(), bot.watchMatcher(), qs, replayDocs(),
                    (q, gold, posted) -> watchLines.append(Json.object().put("set", "watches").put("id", q.id())
                            .put("question", q.question()).put("gold", gold).put("goldPosted", posted.containsKey(gold))
                            .putPOJO("posted", posted)).append('\n'));
            if (details != null) {
                EvalDetails d = details(bot);
                Files.writeString(details, d.lines("questions", outcomes) + d.lines("off-topic", offTopic)
                        + (leftOut == null ? "" : leftOut.details()) + watchLines, StandardCharsets.UTF_8);
            }
            if (json) {
                var report = new LinkedHashMap<String, Object>();
                report.put("report", r);
                report.put("knnRecall", knn == null ? Map.of() : knn);
                if (leftOut != null) {
                    report.put("leftOutGold", leftOut.summary());
                }
                if (replay != null) {
                    report.put("watches", replay);
                }
                out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
            } else {
                out.printf("mode %s, %d questions (%d with a gold document), %d passages%n", r.mode(), r.queries(),
                        r.retrievalQueries(), r.passages());
                out.printf("retrieval  hits@1 %.3f  hits@5 %.3f  hits@10 %.3f  recall@5 %.3f  mrr@10 %.3f%n",
                        r.hitsAt1(), r.hitsAt5(), r.hitsAt10(), r.recallAt5(), r.mrrAt10());
                out.printf("answers    containment %.3f (of all questions %.3f)  citation-correct %.3f  refused %.3f"
                                + "  question-sentences %.3f  words %.1f%n", r.containment(), r.containmentAll(),
                        r.citationCorrect(), r.refusalRate(), r.questionSentences(), r.answerWords());
                out.printf("short      answered %.3f  exact-match %.3f  f1 %.3f (of all questions; exact match of those answered %.3f)%n",
                        r.shortAnswered(), r.shortExactMatch(), r.shortF1(), r.shortExactMatchGiven());
                out.printf("cost       ingest %s  latency p50 %.2f ms  p99 %.2f ms (embedding p50 %.2f ms, the rest p50 %.2f ms)  peak heap %d MB%n",
                        ingestSeconds > 0 ? "%.1f s (%.0f passages/s; the model alone: %.0f/s, %.0f%%)".formatted(ingestSeconds,
                                r.passagesPerSecond(), r.modelPassagesPerSecond(),
                                100 * r.passagesPerSecond() / Math.max(1e-9, r.modelPassagesPerSecond())) : "reused index",
                        r.latencyP50Ms(), r.latencyP99Ms(), r.embeddingP50Ms(), r.beyondEmbeddingP50Ms(), r.peakHeapMb());
                if (!offTopic.isEmpty()) {
                    out.printf("off-topic  refused %.3f (%d of %d)%n", refusedShare(offTopic), refusedCount(offTopic), offTopic.size());
                    printSweep(out, "off-topic", outcomes, offTopic);
                }
                if (leftOut != null) {
                    var s = leftOut.summary();
                    out.printf("left-out   refused %.3f (%d of %d) with their %d gold articles left out; answered %d, %d of them"
                                    + " with a gold answer from another article%n", s.refused(), s.questions() - s.answered(),
                            s.questions(), s.articles(), s.answered(), s.answeredWithGold());
                    printSweep(out, "left-out", outcomes, leftOut.outcomes());
                }
                if (replay != null) {
                    out.print(replay.text());
                }
                if (knn != null) {
                    out.printf("knn        recall@10 vs exact search: %.3f asking HNSW for %d, %.3f asking for 10 (%d questions)%n",
                            knn.recallAskingCandidates(), knn.candidates(), knn.recallAsking10(), knn.queries());
                }
            }
            out.flush();
        }
        return 0;
    }

    /** The corpus's articles with their dates and texts, for the watch replay. */
    private Map<String, WatchReplay.Doc> replayDocs() throws IOException {
        Map<String, WatchReplay.Doc> out = new HashMap<>();
        var mapper = Json.mapper();
        for (String line : Files.readAllLines(docs, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            var d = mapper.readTree(line);
            LocalDate date = null;
            try {
                date = d.hasNonNull("date") ? LocalDate.parse(d.get("date").asText().substring(0, Math.min(10, d.get("date").asText().length()))) : null;
            } catch (DateTimeParseException e) {
                // an undated article never "arrives" in the replay
            }
            out.put(d.path("id").asText(), new WatchReplay.Doc(date, d.path("title").asText("") + "\n" + d.path("text").asText("")));
        }
        return out;
    }

    private static EvalDetails details(Citebot bot) {
        return new EvalDetails(bot.config().topK(), bot.index().analysis(), bot.index()::idf);
    }

    /** The questions with a gold article, asked of their own index of the corpus without those articles. */
    private LeftOut askWithoutGold(Config base, List<EvalQuery> qs, RetrievalMode m) throws IOException {
        LeftOutGold subset = LeftOutGold.of(docs, qs);
        if (subset.questions().isEmpty()) {
            throw new InvalidInputException("--leave-out-gold needs questions with evidence_doc_ids");
        }
        if (subset.corpus().isEmpty()) {
            throw new InvalidInputException("--leave-out-gold would leave no articles: every article is some question's gold");
        }
        Path dir = base.dataDir().resolve("eval").resolve(Hashes.of(subset.corpus().getBytes(StandardCharsets.UTF_8)));
        Files.createDirectories(dir);
        Path file = dir.resolve("docs-without-gold.jsonl");
        if (!Files.isRegularFile(file)) {
            Files.writeString(file, subset.corpus(), StandardCharsets.UTF_8);
        }
        try (Citebot bot = openFresh(base, dir)) {
            bot.ingester().ingest(file);
            var outcomes = new Evaluator(bot.chat(), m).runOnce(subset.questions());
            return new LeftOut(subset.left().size(), outcomes, details == null ? "" : details(bot).lines("gold-left-out", outcomes));
        }
    }

    /** What the questions did with their gold articles left out, and their details lines (empty without --details). */
    private record LeftOut(int articles, List<Evaluator.Outcome> outcomes, String details) {

        record Summary(int articles, int questions, double refused, int answered, int answeredWithGold) {
        }

        Summary summary() {
            int answered = outcomes.size() - (int) refusedCount(outcomes);
            int withGold = (int) outcomes.stream()
                    .filter(o -> !o.answer().refused() && Metrics.containsAnswer(o.answer().text(), o.query().answers())).count();
            return new Summary(articles, outcomes.size(), refusedShare(outcomes), answered, withGold);
        }
    }

    private static long refusedCount(List<Evaluator.Outcome> outcomes) {
        return outcomes.stream().filter(o -> o.answer().refused()).count();
    }

    private static double refusedShare(List<Evaluator.Outcome> outcomes) {
        return outcomes.isEmpty() ? 0 : (double) refusedCount(outcomes) / outcomes.size();
    }

    /**
     * Where the threshold would best lie for this set: answerable are the questions with a gold document, unanswerable
     * the {@code label} ones (off-topic, or asked with their gold articles left out).
     */
    private static void printSweep(PrintWriter out, String label, List<Evaluator.Outcome> outcomes, List<Evaluator.Outcome> unanswerableOutcomes) {
        List<Calibration.Scored> answerable = outcomes.stream().filter(o -> o.query().hasEvidence())
                .map(o -> new Calibration.Scored(o.answer().confidence(), Metrics.containsAnswer(o.answer().text(), o.query().answers())))
                .toList();
        List<Double> unanswerable = unanswerableOutcomes.stream().map(o -> o.answer().confidence()).toList();
        if (answerable.isEmpty()) {
            return;
        }
        out.printf("threshold  answered(answerable)  %18s  balanced-accuracy%n", "refused(" + label + ")");
        for (var r : Calibration.sweep(answerable, unanswerable, 0.05)) {
            if (r.threshold() >= 0.3 && r.threshold() <= 0.8) {
                out.printf("%9.2f  %20.3f  %18.3f  %17.3f%n", r.threshold(), r.answeredAnswerable(), r.refusedUnanswerable(),
                        r.balancedAccuracy());
            }
        }
    }

    private Citebot openFresh(Config base, Path dir) throws IOException {
        if (fresh && Files.isDirectory(dir.resolve("index"))) {
            try (var walk = Files.walk(dir.resolve("index"))) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Config config = base.withDataDir(dir);
        if (base.index().solr()) {
            // each data set in its own collection, named by the data set's hash
            var settings = base.index().withCollection(base.index().collection() + "-eval-" + dir.getFileName().toString().substring(0, 12));
            if (fresh) {
                SolrIndex.deleteCollection(settings);
            }
            config = config.withIndex(settings);
        }
        return Citebot.open(config, false);
    }
}
