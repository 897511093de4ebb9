package io.citebot.cli;

import io.citebot.chat.InvalidInputException;
import io.citebot.config.Config;
import io.citebot.config.ConfigException;
import io.citebot.index.IndexLockedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code citebot}: the command-line door. Each subcommand reads the configuration from the environment it is given. */
@Command(name = "citebot", mixinStandardHelpOptions = true, version = "citebot 0.1.0",
        description = "Answers questions about a collection of news articles, with citations.",
        subcommands = {ServeCommand.class, AskCommand.class, IngestCommand.class, SearchCommand.class, ExtractCommand.class,
                EvalCommand.class, FeedbackCommand.class, FeedsCommand.class, BackupCommand.class, RestoreCommand.class,
                CopyIndexCommand.class, WatchesCommand.class, DigestCommand.class},
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

    /** The command line with its error handling: a one-line message on stderr and an exit code, never a stack trace. */
    public static CommandLine commandLine(Map<String, String> env) {
        CommandLine cmd = new CommandLine(new CitebotCommand(env));
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
