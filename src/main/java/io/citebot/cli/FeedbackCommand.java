package io.citebot.cli;

import io.citebot.api.ApiModels.FeedbackJson;
import io.citebot.chat.Conversations;
import io.citebot.chat.FeedbackStore;
import io.citebot.chat.InvalidInputException;
import io.citebot.config.Config;
import io.citebot.ingest.TextHygiene;
import io.citebot.json.Json;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code citebot feedback}: what readers thought of answers (👍/👎 from the chat page, the API and Slack), newest first. */
@Command(name = "feedback", mixinStandardHelpOptions = true,
        description = "Print readers' ratings of answers, newest first (while serve runs, use GET /api/feedback).")
final class FeedbackCommand implements Callable<Integer> {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    @ParentCommand
    CitebotCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "one JSON object a line, as GET /api/feedback gives them")
    boolean json;

    @Option(names = {"-n", "--limit"}, description = "how many (default 100)")
    int limit = 100;

    @Override
    public Integer call() throws Exception {
        if (limit < 1 || limit > 100_000) {
            throw new InvalidInputException("--limit must be between 1 and 100000");
        }
        Config config = parent.config();
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.exists(config.conversationsFile().resolveSibling(config.conversationsFile().getFileName() + ".mv.db"))) {
            out.println("No feedback yet.");
            return 0;
        }
        List<FeedbackStore.Entry> entries;
        try (Conversations conversations = new Conversations(config.conversationsFile(), 1)) {
            entries = new FeedbackStore(conversations).newest(limit);
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).contains("already in use")) {
                throw new IllegalStateException("a running citebot serve holds the database; ask it: GET /api/feedback");
            }
            throw e;
        }
        var mapper = Json.mapper();
        for (FeedbackStore.Entry e : entries) {
            if (json) {
                out.println(mapper.writeValueAsString(FeedbackJson.of(e)));
            } else {
                String comment = e.comment() == null ? "" : "  — " + TextHygiene.clean(e.comment());
                out.println(WHEN.format(e.at()) + "  " + (e.rating() == FeedbackStore.Rating.UP ? "up  " : "down") + "  "
                        + e.door() + "  " + TextHygiene.clean(e.question()) + comment);
            }
        }
        if (entries.isEmpty() && !json) {
            out.println("No feedback yet.");
        }
        out.flush();
        return 0;
    }
}
