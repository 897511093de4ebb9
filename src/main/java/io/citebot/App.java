package io.citebot;

import io.citebot.cli.CitebotCommand;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/** Entry point: {@code java -jar citebot.jar <command>}. */
public final class App {

    private App() {
    }

    public static void main(String[] args) {
        configureLogging(args);
        System.exit(run(args, System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line; returns the exit code. */
    public static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
        CommandLine cmd = CitebotCommand.commandLine(env);
        cmd.setOut(out);
        cmd.setErr(err);
        return cmd.execute(args);
    }

    /**
     * The server logs at INFO; one-shot commands only warn, so their output stays readable.
     * {@code CITEBOT_LOG_LEVEL} overrides both. Must run before the first logger is created.
     */
    private static void configureLogging(String[] args) {
        String level = System.getenv("CITEBOT_LOG_LEVEL");
        if (level == null) {
            level = args.length > 0 && args[0].equals("serve") ? "info" : "warn";
        }
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
        if (!level.equalsIgnoreCase("info") && !level.equalsIgnoreCase("debug") && !level.equalsIgnoreCase("trace")) {
            // Lucene logs through java.util.logging: its start-up notes (the vector API in use or not) are not for
            // a one-shot command's reader
            LUCENE_LOG.setLevel(java.util.logging.Level.SEVERE);
        }
    }

    /** Held, so that the level set on it is kept (java.util.logging keeps loggers weakly). */
    private static final java.util.logging.Logger LUCENE_LOG = java.util.logging.Logger.getLogger("org.apache.lucene");
}
