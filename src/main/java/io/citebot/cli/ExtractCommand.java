package io.citebot.cli;

import io.citebot.ingest.Article;
import io.citebot.ingest.ArticleParser;
import io.citebot.ingest.TextHygiene;
import io.citebot.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code citebot extract FILE|DIR...}: what citebot reads from a page (title, date, source, URL, the article
 * text), without indexing it; for finding out why an answer came from a footer. Files that cannot be read are
 * reported in their place, and the exit code says so after all the others were shown.
 */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = "Show what citebot reads from article files (.html .txt .md .jsonl): metadata and the article text.")
final class ExtractCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "one JSON object per article: {file, title, date, source, url, text}")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR")
    List<Path> paths;

    private final ArticleParser parser = new ArticleParser();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int failed = 0;
        for (Path file : files(out, err)) {
            try {
                ArticleParser.Parsed parsed = parser.parse(file.getFileName().toString(), Files.readAllBytes(file));
                for (Article a : parsed.articles()) {
                    print(out, file, a);
                }
                for (var problem : parsed.problems()) {
                    failed++;
                    error(out, err, file + " line " + problem.line(), problem.reason());
                }
            } catch (NoSuchFileException e) {
                failed++;
                error(out, err, file.toString(), "no such file");
            } catch (AccessDeniedException e) {
                failed++;
                error(out, err, file.toString(), "permission denied");
            } catch (IOException | RuntimeException e) {
                failed++;
                error(out, err, file.toString(), e.getMessage() != null ? e.getMessage() : e.toString());
            }
        }
        out.flush();
        err.flush();
        return failed == 0 ? 0 : CitebotCommand.EXIT_FAILED;
    }

    /** The files named, and the supported files inside the folders named, in a stable order. */
    private List<Path> files(PrintWriter out, PrintWriter err) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).filter(ArticleParser::supports).sorted().forEach(files::add);
                }
            } else {
                files.add(p); // a missing or unsupported file is reported when it is read
            }
        }
        return files;
    }

    private void print(PrintWriter out, Path file, Article a) throws IOException {
        if (json) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("file", file.toString());
            row.put("title", a.title());
            row.put("date", a.date());
            row.put("source", a.source());
            row.put("url", a.url());
            row.put("text", a.text());
            out.println(Json.mapper().writeValueAsString(row));
            return;
        }
        out.println("== " + TextHygiene.clean(file.toString()));
        out.println("title:  " + TextHygiene.clean(a.title()));
        out.println("date:   " + (a.date() == null ? "-" : a.date()));
        out.println("source: " + (a.source() == null ? "-" : TextHygiene.clean(a.source())));
        out.println("url:    " + (a.url() == null ? "-" : TextHygiene.clean(a.url())));
        out.println();
        out.println(TextHygiene.clean(a.text()));
        out.println();
    }

    private void error(PrintWriter out, PrintWriter err, String where, String message) throws IOException {
        if (json) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("file", where);
            row.put("error", message);
            out.println(Json.mapper().writeValueAsString(row));
        } else {
            err.println("citebot: " + TextHygiene.clean(where) + ": " + TextHygiene.clean(message));
        }
    }
}
