package io.citebot.cli;

import io.citebot.Citebot;
import io.citebot.api.ApiModels.WatchJson;
import io.citebot.chat.Conversations;
import io.citebot.chat.InvalidInputException;
import io.citebot.chat.Watch;
import io.citebot.config.Config;
import io.citebot.index.IndexLockedException;
import io.citebot.json.Json;
import io.citebot.watch.Watches;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code citebot watches}: list, add and remove watches, or check them once (when serve is not running). */
@Command(name = "watches", mixinStandardHelpOptions = true,
        description = "List the watches (followed topics); add or remove one; check them once and post what is new."
                + " While serve runs, use /api/watches or Slack.")
final class WatchesCommand implements Callable<Integer> {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    @ParentCommand
    CitebotCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--add", paramLabel = "QUERY", description = "follow this topic (with --webhook or --slack-channel)")
    String add;

    @Option(names = "--webhook", paramLabel = "URL", description = "where --add posts, as JSON")
    String webhook;

    @Option(names = "--slack-channel", paramLabel = "ID", description = "the Slack channel --add posts to (needs the Slack door)")
    String slackChannel;

    @Option(names = "--digest", paramLabel = "HH:MM", description = "with --add: a daily digest at this time instead of posts as"
            + " articles arrive")
    String digest;

    @Option(names = "--remove", paramLabel = "ID", description = "stop the watch with this id")
    String remove;

    @Option(names = "--check", description = "index what changed in the articles folder, check every watch once and post what is"
            + " new (for cron, when serve is not running)")
    boolean check;

    @Option(names = "--json", description = "one JSON object a line, as GET /api/watches gives them")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (add == null && (webhook != null || slackChannel != null || digest != null)) {
            throw new InvalidInputException("--webhook, --slack-channel and --digest go with --add QUERY");
        }
        Config config = parent.config();
        PrintWriter out = spec.commandLine().getOut();
        try (Citebot bot = Citebot.open(config, false)) {
            String owner = Conversations.LOCAL_OWNER;
            bot.syncSeeds(); // as ask and search do: what the folder holds now is what a new watch has seen
            if (add != null) {
                Watch w = bot.watches().create(owner, add, null, null, null, webhook, slackChannel, Watches.time(digest));
                out.println("Following \"" + w.query() + "\" as " + w.id());
            }
            if (remove != null && !bot.watches().delete(owner, remove)) {
                throw new InvalidInputException("no watch " + remove + " (citebot watches lists them)");
            }
            if (check) {
                out.println(bot.watches().checkAll() + " posts made");
            }
            var mapper = Json.mapper();
            var all = bot.watches().list(owner);
            for (Watch w : all) {
                if (json) {
                    out.println(mapper.writeValueAsString(WatchJson.of(w, bot.watches().latest(w.id()))));
                } else {
                    out.println(w.id() + "  " + WHEN.format(w.createdAt()) + "  \"" + w.query() + "\" → "
                            + (w.webhookUrl() != null ? w.webhookUrl() : "Slack " + w.slackChannel())
                            + (w.digestAt() == null ? "" : "  (daily digest at " + w.digestAt() + ")")
                            + (w.active() ? "" : "  (paused: " + w.paused() + ")"));
                }
            }
            if (all.isEmpty() && !json) {
                out.println("No watches. citebot watches --add QUERY --webhook URL follows a topic.");
            }
        } catch (IndexLockedException e) {
            throw new InvalidInputException("a running citebot serve holds the index and checks the watches itself;"
                    + " use its API: POST/GET/DELETE /api/watches");
        }
        out.flush();
        return 0;
    }
}
