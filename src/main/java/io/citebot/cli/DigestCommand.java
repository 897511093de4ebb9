package io.citebot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.citebot.Citebot;
import io.citebot.answer.Answer;
import io.citebot.answer.Citation;
import io.citebot.answer.Overview;
import io.citebot.api.ApiModels.AnswerJson;
import io.citebot.chat.Conversations;
import io.citebot.chat.InvalidInputException;
import io.citebot.chat.SearchOptions;
import io.citebot.chat.Watch;
import io.citebot.index.Filters;
import io.citebot.json.Json;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code citebot digest}: what is new, as a cited brief of the articles published in a recent window, across the
 * archive or on one watch's topic; what a daily digest watch posts.
 */
@Command(name = "digest", mixinStandardHelpOptions = true,
        description = "A cited brief of the articles published since a moment: across the archive, or on a watch's topic.")
final class DigestCommand implements Callable<Integer> {

    private static final Pattern SINCE = Pattern.compile("(\\d{1,4})\\s*([hdw])");

    @ParentCommand
    CitebotCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--since", paramLabel = "AGE", description = "how far back: 24h (default), 3d, 2w")
    String since = "24h";

    @Option(names = "--watch", paramLabel = "ID", description = "only what is new on this watch's topic (citebot watches lists them)")
    String watch;

    @Option(names = "--json", description = "{\"answer\", \"refused\", \"citations\"}")
    boolean json;

    @Override
    public Integer call() throws Exception {
        LocalDate from = LocalDateTime.now().minus(age(since)).toLocalDate();
        PrintWriter out = spec.commandLine().getOut();
        try (Citebot bot = Citebot.open(parent.config(), true)) {
            bot.syncSeeds();
            String question = "What are these articles about?";
            Filters filters = new Filters(from, null, null);
            if (watch != null) {
                Watch w = bot.watches().get(watch).filter(x -> x.owner().equals(Conversations.LOCAL_OWNER))
                        .orElseThrow(() -> new InvalidInputException("no watch " + watch + " (citebot watches lists them)"));
                question = Overview.question(w.query());
                filters = new Filters(w.from() == null || w.from().isBefore(from) ? from : w.from(), w.to(), w.source());
            }
            Answer answer = bot.chat().answer(question, new SearchOptions(null, filters, null));
            if (json) {
                ObjectMapper mapper = Json.mapper();
                out.println(mapper.writeValueAsString(AnswerJson.of(answer)));
            } else if (answer.citations().isEmpty()) {
                out.println("Nothing new since " + from + (watch == null ? "." : " on this watch's topic."));
            } else {
                out.println("New since " + from + ":");
                out.println(answer.text());
                out.println();
                for (Citation c : answer.citations()) {
                    out.println(SearchCommand.describe("[" + c.n() + "]", c.title(), c.source(), c.date(), c.passageId()));
                }
            }
            out.flush();
            return 0;
        }
    }

    static Duration age(String value) {
        Matcher m = SINCE.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new InvalidInputException("--since must be an age such as 24h, 3d or 2w, was \"" + value + "\"");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }
}
