package io.citebot.answer;

import dev.langchain4j.model.input.PromptTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prompt templates of the LLM chain, read from a folder ({@code prompts/} by default) so they can be
 * edited without rebuilding. A template that lacks a placeholder the chain fills is rejected at start-up.
 * When the folder does not exist, the copies bundled in the jar are used.
 */
public record Prompts(String system, PromptTemplate answer, PromptTemplate condense) {

    private static final Logger log = LoggerFactory.getLogger(Prompts.class);

    /** File name → placeholders it must contain. */
    static final Map<String, List<String>> REQUIRED = Map.of(
            "system.txt", List.of(),
            "answer.txt", List.of("question", "passages"),
            "condense.txt", List.of("history", "question"));

    public static Prompts load(Path dir) {
        boolean useDir = Files.isDirectory(dir);
        if (!useDir) {
            log.info("No prompts folder at {}; using the prompts bundled with citebot", dir.toAbsolutePath());
        }
        return new Prompts(read(dir, useDir, "system.txt"),
                PromptTemplate.from(read(dir, useDir, "answer.txt")),
                PromptTemplate.from(read(dir, useDir, "condense.txt")));
    }

    private static String read(Path dir, boolean useDir, String name) {
        String text;
        try {
            if (useDir) {
                Path file = dir.resolve(name);
                if (!Files.isRegularFile(file)) {
                    throw new IllegalArgumentException("prompt template missing: " + file);
                }
                text = Files.readString(file, StandardCharsets.UTF_8);
            } else {
                try (InputStream in = Prompts.class.getResourceAsStream("/prompts/" + name)) {
                    if (in == null) {
                        throw new IllegalStateException("bundled prompt missing: " + name);
                    }
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String placeholder : REQUIRED.get(name)) {
            if (!text.contains("{{" + placeholder + "}}")) {
                throw new IllegalArgumentException("prompt template " + name + " must contain {{" + placeholder + "}}");
            }
        }
        if (text.isBlank()) {
            throw new IllegalArgumentException("prompt template " + name + " is empty");
        }
        return text;
    }
}
