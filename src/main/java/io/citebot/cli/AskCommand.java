package io.citebot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.citebot.Citebot;
import io.citebot.answer.Answer;
import io.citebot.answer.Citation;
import io.citebot.api.ApiModels.AnswerJson;
import io.citebot.json.Json;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code citebot ask QUESTION}: one answer, with its sources. */
@Command(name = "ask", mixinStandardHelpOptions = true,
        description = "Answer a question from the articles (ingests changed files of the articles folder first).")
final class AskCommand implements Callable<Integer> {

    @ParentCommand
    CitebotCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "print {\"answer\", \"refused\", \"citations\"} as JSON")
    boolean json;

    @Mixin
    SearchOptionsMixin searchOptions;

    @Parameters(arity = "1..*", paramLabel = "QUESTION", description = "the question (quotes optional)")
    List<String> words;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Citebot bot = Citebot.open(parent.config(), true)) {
            bot.syncSeeds();
            Answer answer = bot.chat().answer(String.join(" ", words), searchOptions.options());
            if (json) {
                ObjectMapper mapper = Json.mapper();
                out.println(mapper.writeValueAsString(AnswerJson.of(answer)));
            } else {
                if (answer.shortAnswer() != null) {
                    out.println(answer.shortAnswer().withMarkers());
                    out.println();
                }
                out.println(answer.text());
                List<Citation> sources = answer.refused() ? answer.related() : answer.citations();
                if (!sources.isEmpty()) {
                    out.println();
                    for (Citation c : sources) {
                        out.println(SearchCommand.describe("[" + c.n() + "]", c.title(), c.source(), c.date(), c.passageId()));
                    }
                }
            }
            out.flush();
            return 0;
        }
    }
}
