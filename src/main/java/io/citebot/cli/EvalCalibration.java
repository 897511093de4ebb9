package io.citebot.cli;

import io.citebot.index.Hashes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.citebot.Citebot;
import io.citebot.answer.Answer;
import io.citebot.answer.ExtractiveAnswerer;
import io.citebot.config.Config;
import io.citebot.eval.Calibration;
import io.citebot.eval.EvalQuery;
import io.citebot.eval.Metrics;
import io.citebot.eval.QueryFile;
import io.citebot.config.RetrievalMode;
import io.citebot.index.SearchRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code citebot eval --calibrate}: indexes half of a corpus's titles, scores the questions about the indexed half
 * (answerable) and about the other half plus any negatives (unanswerable), and prints the refusal threshold sweep.
 */
final class EvalCalibration {

    /** Opens citebot on a benchmark's own data folder. */
    interface Opener {
        Citebot open(Config base, Path dir) throws IOException;
    }

    private final Path docs;
    private final Path negatives;
    private final RetrievalMode mode;
    private final Opener open;

    EvalCalibration(Path docs, Path negatives, RetrievalMode mode, Opener open) {
        this.docs = docs;
        this.negatives = negatives;
        this.mode = mode;
        this.open = open;
    }

    int run(PrintWriter out, Config base, List<EvalQuery> qs) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<String> lines = Files.readAllLines(docs, StandardCharsets.UTF_8);
        Set<String> titles = new TreeSet<>();
        for (String line : lines) {
            if (!line.isBlank()) {
                titles.add(mapper.readTree(line).path("title").asText());
            }
        }
        Set<String> indexedTitles = new HashSet<>();
        int i = 0;
        for (String t : titles) {
            if (i++ % 2 == 0) {
                indexedTitles.add(t);
            }
        }
        Set<String> indexedDocs = new HashSet<>();
        Set<String> otherDocs = new HashSet<>();
        StringBuilder half = new StringBuilder();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = mapper.readTree(line);
            if (indexedTitles.contains(n.path("title").asText())) {
                indexedDocs.add(n.path("id").asText());
                half.append(line).append('\n');
            } else {
                otherDocs.add(n.path("id").asText());
            }
        }
        Path dir = base.dataDir().resolve("calibrate").resolve(Hashes.of(half.toString().getBytes(StandardCharsets.UTF_8)));
        Files.createDirectories(dir);
        Path halfFile = dir.resolve("indexed-half.jsonl");
        Files.writeString(halfFile, half);
        try (Citebot bot = open.open(base, dir)) {
            bot.ingester().ingest(halfFile);
            var retriever = bot.retrievers().get(mode);
            var answerer = new ExtractiveAnswerer(bot.index().analysis(), bot.index()::idf, base.answerSentences(), 0);
            List<Calibration.Scored> answerable = new ArrayList<>();
            List<Double> unanswerable = new ArrayList<>();
            for (EvalQuery q : qs) {
                boolean in = indexedDocs.containsAll(q.evidenceDocIds());
                boolean out2 = otherDocs.containsAll(q.evidenceDocIds());
                if (!in && !out2) {
                    continue;
                }
                Answer a = answerer.answer(q.question(), retriever.retrieve(new SearchRequest(q.question(), base.topK())));
                if (in) {
                    answerable.add(new Calibration.Scored(a.confidence(), Metrics.containsAnswer(a.text(), q.answers())));
                } else {
                    unanswerable.add(a.confidence());
                }
            }
            int offTopic = 0;
            if (negatives != null) {
                for (EvalQuery q : QueryFile.read(negatives)) {
                    Answer a = answerer.answer(q.question(), retriever.retrieve(new SearchRequest(q.question(), base.topK())));
                    unanswerable.add(a.confidence());
                    offTopic++;
                }
            }
            var rows = Calibration.sweep(answerable, unanswerable, 0.05);
            out.printf("indexed %d of %d titles; %d answerable questions, %d unanswerable (%d same-corpus, %d off-topic)%n",
                    indexedTitles.size(), titles.size(), answerable.size(), unanswerable.size(),
                    unanswerable.size() - offTopic, offTopic);
            out.println("threshold  answered(answerable)  answered+correct  refused(unanswerable)  balanced-accuracy");
            for (var r : rows) {
                out.printf("%9.2f  %20.3f  %16.3f  %21.3f  %17.3f%n", r.threshold(), r.answeredAnswerable(),
                        r.answeredAndCorrect(), r.refusedUnanswerable(), r.balancedAccuracy());
            }
            var best = Calibration.best(rows);
            out.printf("best balanced accuracy at threshold %.2f (set %s)%n", best.threshold(),
                    mode == RetrievalMode.BM25 ? Config.MIN_CONFIDENCE_BM25.env() : Config.MIN_CONFIDENCE.env());
            out.flush();
        }
        return 0;
    }
}
