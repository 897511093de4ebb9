package io.citebot.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * Runs an extractor over a folder laid out like the Article Extraction Benchmark: {@code ground-truth.json}
 * ({@code {"<key>": {"articleBody", "url"}}}) and {@code html/<key>.html.gz} (or {@code .html}).
 */
public final class ExtractionBenchmark {

    /** One page's outcome. */
    public record PageResult(String key, String url, ExtractionScore.Page score, int extractedWords) {
    }

    /** All pages, the summary, and the extractor's speed over the raw pages (decompression excluded). */
    public record Report(ExtractionScore.Summary summary, List<PageResult> pages, int emptyPages, double pagesPerSecond) {
        /** The pages with the lowest share of true positives first. */
        public List<PageResult> worst(int n) {
            return pages.stream().filter(p -> p.score() != null)
                    .sorted(Comparator.comparingDouble(p -> p.score().tp())).limit(n).toList();
        }
    }

    private ExtractionBenchmark() {
    }

    /**
     * @param extractor the raw bytes of a page to its article text
     */
    public static Report run(Path dir, Function<byte[], String> extractor) throws IOException {
        Path truthFile = dir.resolve("ground-truth.json");
        if (!Files.isRegularFile(truthFile)) {
            throw new IOException("no ground-truth.json in " + dir);
        }
        JsonNode truth = new ObjectMapper().readTree(truthFile.toFile());
        List<Map.Entry<String, byte[]>> pages = new ArrayList<>();
        List<JsonNode> truths = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = truth.fields(); it.hasNext(); ) {
            var e = it.next();
            pages.add(Map.entry(e.getKey(), read(dir, e.getKey())));
            truths.add(e.getValue());
        }
        List<String> extracted = new ArrayList<>();
        pages.forEach(p -> extractor.apply(p.getValue())); // warm-up: class loading and JIT
        long start = System.nanoTime();
        for (var p : pages) {
            extracted.add(extractor.apply(p.getValue()));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<PageResult> results = new ArrayList<>();
        int empty = 0;
        for (int i = 0; i < pages.size(); i++) {
            String text = extracted.get(i) == null ? "" : extracted.get(i);
            if (text.isBlank()) {
                empty++;
            }
            results.add(new PageResult(pages.get(i).getKey(), truths.get(i).path("url").asText(null),
                    ExtractionScore.page(truths.get(i).path("articleBody").asText(""), text),
                    text.isBlank() ? 0 : text.strip().split("\\s+").length));
        }
        var summary = ExtractionScore.summarize(results.stream().map(PageResult::score).toList());
        return new Report(summary, results, empty, pages.size() / seconds);
    }

    private static byte[] read(Path dir, String key) throws IOException {
        Path gz = dir.resolve("html").resolve(key + ".html.gz");
        if (Files.isRegularFile(gz)) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
                return in.readAllBytes();
            }
        }
        Path plain = dir.resolve("html").resolve(key + ".html");
        if (Files.isRegularFile(plain)) {
            return Files.readAllBytes(plain);
        }
        throw new IOException("no page for " + key + " in " + dir.resolve("html"));
    }
}
