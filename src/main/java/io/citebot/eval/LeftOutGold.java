package io.citebot.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.citebot.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * On-topic questions the archive cannot answer: a benchmark's questions asked of its corpus with their gold articles
 * left out. The rest of the archive covers the same weeks and subjects, so this is the hard case for a refusal (an
 * off-topic question is the easy one); another article may still report the answer, and then answering is right.
 *
 * @param corpus   the corpus's docs.jsonl lines without the gold articles, each ending in a newline
 * @param left     the gold articles left out
 * @param questions the questions that name a gold article
 */
public record LeftOutGold(String corpus, Set<String> left, List<EvalQuery> questions) {

    private static final ObjectMapper JSON = Json.mapper();

    /** The corpus in {@code docs} (docs.jsonl) without the gold articles of {@code queries}. */
    public static LeftOutGold of(Path docs, List<EvalQuery> queries) throws IOException {
        List<EvalQuery> questions = queries.stream().filter(EvalQuery::hasEvidence).toList();
        Set<String> gold = new LinkedHashSet<>();
        questions.forEach(q -> gold.addAll(q.evidenceDocIds()));
        StringBuilder rest = new StringBuilder();
        Set<String> left = new LinkedHashSet<>();
        for (String line : Files.readAllLines(docs, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            String id = idOf(line);
            if (id != null && gold.contains(id)) {
                left.add(id);
            } else {
                rest.append(line).append('\n');
            }
        }
        return new LeftOutGold(rest.toString(), left, questions);
    }

    /** The line's article id, or null when it is not JSON (the ingest reports such a line, as for the whole corpus). */
    private static String idOf(String line) {
        try {
            return JSON.readTree(line).path("id").asText();
        } catch (IOException e) {
            return null;
        }
    }
}
