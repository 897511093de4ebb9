package io.citebot.cli;

import io.citebot.Citebot;
import io.citebot.api.ApiModels.SearchJson;
import io.citebot.index.Hit;
import io.citebot.json.Json;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code citebot search QUERY}: the passages retrieval finds, best first. */
@Command(name = "search", mixinStandardHelpOptions = true, description = "Show the passages that best match a query.")
final class SearchCommand implements Callable<Integer> {

    @ParentCommand
    CitebotCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "print {\"results\": [...]} as JSON")
    boolean json;

    @Option(names = {"-k", "--k"}, paramLabel = "N", defaultValue = "5", description = "how many passages (1-100, default ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--articles", description = "one result per article: its best passage")
    boolean byArticle;

    @Mixin
    SearchOptionsMixin searchOptions;

    @Parameters(arity = "1..*", paramLabel = "QUERY")
    List<String> words;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Citebot bot = Citebot.open(parent.config(), true)) {
            bot.syncSeeds();
            List<Hit> hits = bot.chat().search(String.join(" ", words), k, searchOptions.options(), byArticle);
            if (json) {
                out.println(Json.mapper().writeValueAsString(SearchJson.of(hits)));
            } else if (hits.isEmpty()) {
                out.println("No passages match.");
            } else {
                int i = 1;
                for (Hit h : hits) {
                    out.println(describe(i++ + ".", h.article().title(), h.article().source(), h.article().date(), h.passage().id())
                            + String.format(" score %.3f", h.score()));
                    out.println("   " + h.passage().text());
                    out.println();
                }
            }
            out.flush();
            return 0;
        }
    }

    /** "[1] Title — Source, 2025-04-04 (passage id)" */
    static String describe(String label, String title, String source, LocalDate date, String passageId) {
        StringBuilder sb = new StringBuilder(label).append(' ').append(title);
        if (source != null || date != null) {
            sb.append(" — ");
            sb.append(source != null ? source : "");
            sb.append(source != null && date != null ? ", " : "");
            sb.append(date != null ? date.toString() : "");
        }
        return sb.append(" (").append(passageId).append(')').toString();
    }
}
