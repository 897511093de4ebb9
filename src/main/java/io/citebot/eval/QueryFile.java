package io.citebot.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.citebot.chat.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a queries.jsonl: {@code {"id", "question", "answers": [...], "evidence_doc_ids": [...], "question_date"?}}
 * a line.
 */
public final class QueryFile {

    private QueryFile() {
    }

    public static List<EvalQuery> read(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<EvalQuery> queries = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode n = json.readTree(line);
                    String date = n.path("question_date").asText(null);
                    queries.add(new EvalQuery(n.path("id").asText(String.valueOf(lineNo)), text(n, "question"),
                            strings(n.path("answers")), strings(n.path("evidence_doc_ids")),
                            date == null || date.isBlank() ? null : LocalDate.parse(date)));
                } catch (IOException | RuntimeException e) {
                    throw new InvalidInputException(file + " line " + lineNo + ": " + e.getMessage());
                }
            }
        }
        return queries;
    }

    private static String text(JsonNode n, String field) {
        if (!n.path(field).isTextual()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a string");
        }
        return n.path(field).asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
