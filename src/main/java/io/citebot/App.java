package io.citebot;

import io.citebot.cli.CitebotCommand;
import io.citebot.http.HttpServer;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;

/** Entry point: {@code java -jar citebot.jar <command>}. */
public final class App {

    private App() {
    }

    public static void main(String[] args) {
        Signals.install(args.length > 0 ? args[0] : "");
        String problem = Logging.problem(System.getenv("CITEBOT_LOG_LEVEL"), System.getenv("CITEBOT_LOG_FORMAT"));
        if (problem != null) {
            System.err.println("citebot: " + problem);
            Signals.ending();
            System.exit(2);
        }
        configureLogging(args);
        if (args.length > 0 && args[0].equals("serve")) {
            // the web server's classes load on the idle core while the command line is read and the index opens
            Thread.ofPlatform().name("prepare-server").daemon().start(HttpServer::prepare);
        }
        int code = run(args, System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        Signals.ending();
        System.exit(code);
    }

    /** Runs one command line; returns the exit code. */
    public static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
        CommandLine cmd = CitebotCommand.commandLine(env, args);
        cmd.setOut(out);
        cmd.setErr(err);
        return cmd.execute(args);
    }

    /**
     * The server logs at INFO; one-shot commands only warn, so their output stays readable.
     * {@code CITEBOT_LOG_LEVEL} overrides both, {@code CITEBOT_LOG_FORMAT=json} writes JSON lines ({@link Logging}).
     * Must run before the first logger is created.
     */
    private static void configureLogging(String[] args) {
        String spec = System.getenv("CITEBOT_LOG_LEVEL");
        if (spec == null || spec.isBlank()) {
            spec = args.length > 0 && args[0].equals("serve") ? "info" : "warn";
        }
        System.setProperty(Logging.LEVEL_PROPERTY, spec);
        String format = System.getenv("CITEBOT_LOG_FORMAT");
        if (format != null && !format.isBlank()) {
            System.setProperty(Logging.FORMAT_PROPERTY, format.strip());
        }
        // Lucene logs through java.util.logging: its lines go where the others go, in the same format
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        if (Logging.Levels.parse(spec).root().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN)) {
            // its start-up notes (the vector API in use or not) are not for a one-shot command's reader
            LUCENE_LOG.setLevel(Level.SEVERE);
        } else if (args.length > 0 && !Set.of("serve", "ingest", "eval", "copy-index").contains(args[0])) {
            // bin/citebot leaves the Vector API out of short commands on purpose (they start faster without it)
            VECTOR_LOG.setLevel(Level.SEVERE);
        }
    }

    /** Held, so that the level set on it is kept (java.util.logging keeps loggers weakly). */
    private static final Logger LUCENE_LOG = Logger.getLogger("org.apache.lucene");
    private static final Logger VECTOR_LOG =
            Logger.getLogger("org.apache.lucene.internal.vectorization");
}
