package io.citebot.cli;

import io.citebot.chat.InvalidInputException;
import io.citebot.config.Config;
import io.citebot.config.ConfigException;
import io.citebot.index.IndexLockedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code citebot}: the command-line door. Each subcommand reads the configuration from the environment it is given. */
@Command(name = "citebot", mixinStandardHelpOptions = true, version = "citebot 0.1.0",
        description = "Answers questions about a collection of news articles, with citations.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:failed (message on stderr)", "2:bad input or configuration"})
public final class CitebotCommand implements Runnable {

    public static final int EXIT_FAILED = 1;
    public static final int EXIT_BAD_INPUT = 2;

    private final Map<String, String> env;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    CitebotCommand(Map<String, String> env) {
        this.env = env;
    }

    /** The subcommands by name, in the order the usage help lists them. */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> all = new LinkedHashMap<>();
        all.put("serve", ServeCommand::new);
        all.put("ask", AskCommand::new);
        all.put("ingest", IngestCommand::new);
        all.put("search", SearchCommand::new);
        all.put("extract", ExtractCommand::new);
        all.put("eval", EvalCommand::new);
        all.put("feedback", FeedbackCommand::new);
        all.put("feeds", FeedsCommand::new);
        all.put("backup", BackupCommand::new);
        all.put("restore", RestoreCommand::new);
        all.put("copy-index", CopyIndexCommand::new);
        all.put("watches", WatchesCommand::new);
        all.put("digest", DigestCommand::new);
        return all;
    }

    /** The command line with every subcommand (for usage help, suggestions and the docs' check). */
    public static CommandLine commandLine(Map<String, String> env) {
        return commandLine(env, new String[0]);
    }

    /**
     * The command line that runs {@code args}, with its error handling: a one-line message on stderr and an exit code,
     * never a stack trace. When {@code args} name a subcommand, only that one is built: picocli reads each
     * subcommand's options by reflection, 0.1–0.2 s for all thirteen at every start of a one-shot command or of the
     * server. Anything else (no command, {@code --help}, a misspelt one) gets all of them.
     */
    public static CommandLine commandLine(Map<String, String> env, String[] args) {
        CommandLine cmd = new CommandLine(new CitebotCommand(env));
        Supplier<Object> named = args.length > 0 ? SUBCOMMANDS.get(args[0]) : null;
        if (named != null) {
            cmd.addSubcommand(named.get());
        } else {
            SUBCOMMANDS.values().forEach(make -> cmd.addSubcommand(make.get()));
        }
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("citebot: " + describe(e));
            return switch (e) {
                case InvalidInputException x -> EXIT_BAD_INPUT;
                case ConfigException x -> EXIT_BAD_INPUT;
                default -> EXIT_FAILED;
            };
        });
        return cmd;
    }

    private static String describe(Exception e) {
        return switch (e) {
            case InvalidInputException x -> x.getMessage();
            case ConfigException x -> "configuration: " + x.getMessage();
            case IndexLockedException x -> x.getMessage();
            case UncheckedIOException x -> x.getCause().getMessage();
            case IOException x -> x.getMessage() != null ? x.getMessage() : x.toString();
            default -> e.getMessage() != null ? e.getMessage() : e.toString();
        };
    }

    Config config() {
        return Config.load(env);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
