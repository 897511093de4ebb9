package io.citebot.cli;

import io.citebot.chat.InvalidInputException;
import io.citebot.eval.ExtractionBenchmark;
import io.citebot.ingest.ArticleParser;
import io.citebot.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** {@code citebot eval --extraction DIR}: how much of each page's article text the HTML extractor reads. */
final class ExtractionEval {

    private ExtractionEval() {
    }

    static int print(Path dir, boolean json, PrintWriter out) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException("no such folder: " + dir);
        }
        ArticleParser parser = new ArticleParser();
        var report = ExtractionBenchmark.run(dir, html -> parser.parse("page.html", html).articles().getFirst().text());
        var s = report.summary();
        if (json) {
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(Map.of(
                    "pages", s.pages(), "precision", s.precision(), "recall", s.recall(), "f1", s.f1(),
                    "emptyPages", report.emptyPages(), "pagesPerSecond", report.pagesPerSecond(), "perPage", report.pages())));
        } else {
            out.printf("pages %d  precision %.3f  recall %.3f  F1 %.3f  empty %d  speed %.0f pages/s%n", s.pages(),
                    s.precision(), s.recall(), s.f1(), report.emptyPages(), report.pagesPerSecond());
            for (var p : report.worst(5)) {
                out.printf("  worst: %s  tp %.2f fp %.2f fn %.2f  (%s)%n", p.key().substring(0, Math.min(16, p.key().length())),
                        p.score().tp(), p.score().fp(), p.score().fn(), p.url());
            }
        }
        out.flush();
        return 0;
    }
}
