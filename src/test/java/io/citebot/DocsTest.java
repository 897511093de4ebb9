package io.citebot;

import static org.assertj.core.api.Assertions.assertThat;

import io.citebot.cli.CitebotCommand;
import io.citebot.config.SlackSettings;
import io.citebot.http.HttpServer;
import io.citebot.slack.SlackDoor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The README and every page in docs/ name only what exists: each route ({@code POST /api/chat}) is served, each
 * command ({@code citebot ask --json}) and its options parse, each relative link leads to a file and heading.
 */
class DocsTest {

    static final Pattern ROUTE = Pattern.compile("\\b(GET|POST|PUT|DELETE) (/[^\\s`|,;)\"'?#]*)");
    /** A code line or span that runs citebot (after any VAR=value settings): {@code citebot NAME [args]}, no comment. */
    static final Pattern COMMAND = Pattern.compile("^\\s*(?:\\$ )?(?:[A-Z_]+=\\S*\\s+)*(?:\\S*/)?citebot ([a-z][\\w-]*)([^#]*)");
    static final Pattern OPTION = Pattern.compile("(?<!\\S)(--?[a-zA-Z][\\w-]*)");
    static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    @TempDir
    Path tmp;

    static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** The code in a page: fenced blocks whole, and inline code spans elsewhere. */
    static List<String> code(String markdown) {
        List<String> out = new ArrayList<>();
        boolean fenced = false;
        for (String line : markdown.split("\n")) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                out.add(line);
            } else {
                Matcher m = Pattern.compile("`([^`]+)`").matcher(line);
                while (m.find()) {
                    out.add(m.group(1));
                }
            }
        }
        return out;
    }

    @Test
    void should_serve_every_route_the_docs_name() throws Exception {
        // given every door mounted, as serve does with Slack configured
        Set<String> named = new TreeSet<>();
        for (Path page : pages()) {
            Matcher m = ROUTE.matcher(Files.readString(page));
            while (m.find()) {
                named.add(m.group(1) + " " + m.group(2));
            }
        }
        assertThat(named).contains("POST /api/chat", "POST /v1/chat/completions", "GET /health");
        try (Citebot bot = TestFiles.seedsBot(tmp.resolve("data"))) {
            SlackSettings slackSettings = new SlackSettings("secret", "xoxb-test-token", "http://127.0.0.1:9/api/", false,
                    Set.of(), Set.of(), true, null);
            try (SlackDoor slack = new SlackDoor(bot.chat(), slackSettings, "http://localhost:7070")) {
                HttpServer web = Servers.of(bot).loopbackOnly(true).door(slack).build();
                web.javalin().start("127.0.0.1", 0);
                try {
                    Set<String> served = new TreeSet<>(web.routes());
                    HttpClient http = HttpClient.newHttpClient();
                    List<String> missing = new ArrayList<>();
                    for (String route : named) {
                        if (served.contains(route)) {
                            continue;
                        }
                        // a GET the server answers from its files (the chat page)
                        String path = route.substring(route.indexOf(' ') + 1);
                        if (route.startsWith("GET ") && http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + web.javalin().port() + path)).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                            continue;
                        }
                        missing.add(route);
                    }
                    // then
                    assertThat(missing).as("routes the docs name that the server does not serve").isEmpty();
                } finally {
                    web.javalin().stop();
                }
            }
        }
    }

    @Test
    void should_know_every_command_and_option_the_docs_name() throws IOException {
        CommandLine cli = CitebotCommand.commandLine(Map.of());
        Map<String, CommandLine> commands = cli.getSubcommands();
        List<String> unknown = new ArrayList<>();
        int checked = 0;
        for (Path page : pages()) {
            for (String code : code(Files.readString(page))) {
                Matcher m = COMMAND.matcher(code);
                while (m.find()) {
                    CommandLine command = commands.get(m.group(1));
                    if (command == null) {
                        unknown.add(page + ": citebot " + m.group(1));
                        continue;
                    }
                    checked++;
                    Matcher o = OPTION.matcher(m.group(2));
                    while (o.find()) {
                        if (command.getCommandSpec().findOption(o.group(1)) == null) {
                            unknown.add(page + ": citebot " + m.group(1) + " " + o.group(1));
                        }
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(20);
        assertThat(unknown).isEmpty();
    }

    @Test
    void should_link_only_to_files_and_headings_that_exist() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            Matcher m = LINK.matcher(Files.readString(page));
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue;
                }
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                Path resolved = file.isEmpty() ? page : page.toAbsolutePath().getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(page + ": " + target);
                } else if (anchor != null && !anchors(resolved).contains(anchor)) {
                    broken.add(page + ": " + target + " (no such heading)");
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    /** GitHub's anchors of a page's headings: lower case, punctuation dropped, spaces as hyphens. */
    static Set<String> anchors(Path page) throws IOException {
        Set<String> out = new TreeSet<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(page)) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
            } else if (!fenced && line.startsWith("#")) {
                out.add(line.replaceFirst("^#+\\s*", "").toLowerCase().replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
            }
        }
        return out;
    }
}
