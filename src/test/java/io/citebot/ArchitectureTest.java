package io.citebot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of docs/architecture.md, read from the imports of every main source file: each package imports only
 * packages below it, siblings on one floor (the two index backends, the three doors) never import each other, and
 * Lucene, SolrJ, Javalin and Slack's SDK stay in the packages that own them.
 */
class ArchitectureTest {

    /** Floors from the bottom; a package may import its own floor's package and any lower floor, never a sibling. */
    static final List<Set<String>> FLOORS = List.of(
            Set.of("json", "net", "ingest", "config"),
            Set.of("llm"),
            Set.of("index"),
            Set.of("index.lucene", "index.solr"),
            Set.of("retrieval"),
            Set.of("answer"),
            Set.of("chat"),
            Set.of("api", "feeds", "eval"),
            Set.of("watch"),
            Set.of("http"),
            Set.of("web", "openai", "slack"),
            // the composition: main, the CLI's commands, the wiring of index, answering and doors
            Set.of("", "cli"));

    /** Outside libraries and the only packages that may import them. */
    static final Map<String, Set<String>> OWNERS = Map.of(
            "org.apache.lucene", Set.of("index.lucene", "index.solr"),
            "org.apache.solr", Set.of("index.solr"),
            "io.javalin", Set.of("http", "web", "openai", "slack"),
            "com.slack.api", Set.of("slack"));

    static final Path MAIN = Path.of("src/main/java/io/citebot");
    static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+);", Pattern.MULTILINE);
    static final Pattern OURS = Pattern.compile("io\\.citebot\\.((?:[a-z]\\w*\\.)*)[A-Z]");
    static Map<String, List<Source>> sources;

    record Source(String pkg, Path path, String text) {
        List<String> imports() {
            List<String> out = new ArrayList<>();
            Matcher m = IMPORT.matcher(text);
            while (m.find()) {
                out.add(m.group(1));
            }
            return out;
        }
    }

    @BeforeAll
    static void read() throws IOException {
        sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> {
                String pkg = MAIN.relativize(p.getParent() == null ? MAIN : p.getParent()).toString().replace('/', '.');
                try {
                    sources.computeIfAbsent(pkg, k -> new ArrayList<>()).add(new Source(pkg, p, Files.readString(p)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    static int floor(String pkg) {
        for (int i = 0; i < FLOORS.size(); i++) {
            if (FLOORS.get(i).contains(pkg)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void should_place_every_package_on_a_floor() {
        assertThat(sources.keySet()).allSatisfy(pkg -> assertThat(floor(pkg)).as("package '%s' has no floor", pkg).isNotNegative());
    }

    @Test
    void should_import_only_downwards_and_never_a_sibling() {
        List<String> wrong = new ArrayList<>();
        sources.values().stream().flatMap(List::stream).forEach(s -> {
            for (String imported : s.imports()) {
                Matcher m = OURS.matcher(imported);
                if (!m.lookingAt()) {
                    continue;
                }
                String target = m.group(1).isEmpty() ? "" : m.group(1).substring(0, m.group(1).length() - 1);
                if (target.equals(s.pkg())) {
                    continue;
                }
                int from = floor(s.pkg());
                int to = floor(target);
                if (to > from || (to == from && !s.pkg().isEmpty() && !target.isEmpty())) {
                    wrong.add(MAIN.relativize(s.path()) + " imports " + imported);
                }
            }
        });
        assertThat(wrong).isEmpty();
    }

    @Test
    void should_keep_each_outside_library_in_the_packages_that_own_it() {
        List<String> wrong = new ArrayList<>();
        sources.values().stream().flatMap(List::stream).forEach(s -> {
            for (String imported : s.imports()) {
                OWNERS.forEach((library, owners) -> {
                    if (imported.startsWith(library + ".") && !owners.contains(s.pkg())) {
                        wrong.add(MAIN.relativize(s.path()) + " imports " + imported);
                    }
                });
            }
        });
        assertThat(wrong).isEmpty();
    }

    @Test
    void should_name_our_types_by_import_not_by_qualified_name_in_code() {
        Pattern qualified = Pattern.compile("(?<![\\w.])io\\.citebot\\.(?:[a-z]\\w*\\.)+[A-Z]");
        List<String> wrong = new ArrayList<>();
        sources.values().stream().flatMap(List::stream).forEach(s -> {
            String[] lines = s.text().split("\n");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.startsWith("import ") || line.startsWith("package ") || line.startsWith("*") || line.startsWith("/")
                        || line.startsWith("//")) {
                    continue;
                }
                String code = line.replaceAll("\"(?:\\\\.|[^\"\\\\])*\"", "\"\"");
                if (qualified.matcher(code).find()) {
                    wrong.add(MAIN.relativize(s.path()) + ":" + (i + 1) + ": " + line);
                }
            }
        });
        assertThat(wrong).isEmpty();
    }
}
