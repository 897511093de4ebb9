package io.citebot.cli;

import io.citebot.Citebot;
import io.citebot.chat.InvalidInputException;
import io.citebot.config.Config;
import io.citebot.feeds.FeedFollower;
import io.citebot.index.IndexLockedException;
import io.citebot.ingest.TextHygiene;
import io.citebot.json.Json;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code citebot feeds}: the configured feeds with their last poll, status and article count. */
@Command(name = "feeds", mixinStandardHelpOptions = true,
        description = "List the followed feeds (CITEBOT_FEEDS) with their last poll, status and articles.")
final class FeedsCommand implements Callable<Integer> {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @ParentCommand
    CitebotCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "one JSON object a line")
    boolean json;

    @Option(names = "--poll", description = "poll every feed once now and index what is new (for cron, when serve is not running)")
    boolean poll;

    @Override
    public Integer call() throws Exception {
        Config config = parent.config();
        PrintWriter out = spec.commandLine().getOut();
        if (poll) {
            if (!config.feeds().enabled()) {
                throw new InvalidInputException("no feeds to poll: set CITEBOT_FEEDS or CITEBOT_FEEDS_FILE");
            }
            try (Citebot bot = Citebot.open(config, false)) {
                new FeedFollower(config.feeds(), bot.articles(), config.feedStateFile()).pollAll();
            } catch (IndexLockedException e) {
                throw new InvalidInputException("a running citebot serve holds the index and polls the feeds itself");
            }
        }
        var statuses = FeedFollower.statuses(config.feeds(), config.feedStateFile());
        if (statuses.isEmpty() && !json) {
            out.println("No feeds configured (set CITEBOT_FEEDS or CITEBOT_FEEDS_FILE).");
        }
        var mapper = Json.mapper();
        for (var s : statuses) {
            if (json) {
                out.println(mapper.writeValueAsString(s));
            } else {
                out.println(s.url());
                out.println("  last poll " + (s.lastPoll() == null ? "never" : WHEN.format(s.lastPoll())) + " · " + TextHygiene.clean(s.status())
                        + (s.error() == null ? "" : " (" + TextHygiene.clean(s.error()) + ")") + " · " + s.articles() + " articles");
            }
        }
        out.flush();
        return 0;
    }
}
