package io.citebot;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How citebot logs, found by Logback through {@code META-INF/services}: to standard error, as text
 * ({@code 07:12:03.114 INFO  ChatService - …}) or, with {@code CITEBOT_LOG_FORMAT=json}, one JSON object a line
 * (Logback's own {@link JsonEncoder}) for a log collector. {@code CITEBOT_LOG_LEVEL} is a level, optionally followed
 * by levels per package: {@code info,io.citebot.feeds=debug,org.eclipse.jetty=info}. A Logback file named by
 * {@code -Dlogback.configurationFile} replaces all of this.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class Logging extends ContextAwareBase implements Configurator {

    /** System properties through which {@link App} passes the command's defaults (set before the first logger). */
    static final String LEVEL_PROPERTY = "citebot.log.level";
    static final String FORMAT_PROPERTY = "citebot.log.format";

    /** Libraries whose INFO lines are start-up chatter, not news for the person running citebot. */
    private static final Map<String, Level> QUIET = Map.of(
            "org.eclipse.jetty", Level.WARN,
            "io.javalin", Level.WARN,
            // onnxruntime/DJL probe for GPUs and tokenizer limits: noise on a CPU-only machine
            "ai.djl", Level.ERROR);

    /** A {@code CITEBOT_LOG_LEVEL} value read: the root level and levels per logger name. */
    record Levels(Level root, Map<String, Level> byLogger) {

        static Levels parse(String spec) {
            Level root = Level.INFO;
            Map<String, Level> byLogger = new LinkedHashMap<>();
            for (String part : spec.split(",")) {
                String item = part.strip();
                if (item.isEmpty()) {
                    continue;
                }
                int eq = item.indexOf('=');
                if (eq < 0) {
                    root = level(item);
                } else {
                    String name = item.substring(0, eq).strip();
                    if (name.isEmpty()) {
                        throw new IllegalArgumentException("CITEBOT_LOG_LEVEL: '" + item + "' names no logger (write package=level)");
                    }
                    byLogger.put(name, level(item.substring(eq + 1)));
                }
            }
            return new Levels(root, byLogger);
        }

        private static Level level(String word) {
            String w = word.strip().toUpperCase(Locale.ROOT);
            return switch (w) {
                case "TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF" -> Level.toLevel(w);
                case "WARNING" -> Level.WARN;
                default -> throw new IllegalArgumentException("CITEBOT_LOG_LEVEL: '" + word.strip()
                        + "' is not a level (trace, debug, info, warn, error or off)");
            };
        }
    }

    /** Checks a {@code CITEBOT_LOG_LEVEL} and {@code CITEBOT_LOG_FORMAT} before they are used; null when they are good. */
    static String problem(String level, String format) {
        try {
            if (level != null) {
                Levels.parse(level);
            }
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (format != null && !format.isBlank() && !format.equalsIgnoreCase("text") && !format.equalsIgnoreCase("json")) {
            return "CITEBOT_LOG_FORMAT: '" + format + "' is not a format (text or json)";
        }
        return null;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY; // the operator's own Logback file
        }
        String spec = System.getProperty(LEVEL_PROPERTY, "info");
        String format = System.getProperty(FORMAT_PROPERTY, "text");
        Levels levels;
        try {
            levels = Levels.parse(spec);
        } catch (IllegalArgumentException e) {
            levels = Levels.parse("info"); // App reports the bad value before it gets here
        }
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("stderr");
        console.setTarget("System.err");
        console.setEncoder(encoder(context, format.equalsIgnoreCase("json")));
        console.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(levels.root());
        root.addAppender(console);
        // the chatter of libraries stays down unless the root asks for more detail than INFO, or a level names them
        if (levels.root().isGreaterOrEqual(Level.INFO)) {
            QUIET.forEach((name, level) -> context.getLogger(name).setLevel(level));
        }
        levels.byLogger().forEach((name, level) -> context.getLogger(name).setLevel(level));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static Encoder<ILoggingEvent> encoder(LoggerContext context, boolean json) {
        if (json) {
            JsonEncoder encoder = new JsonEncoder();
            encoder.setContext(context);
            encoder.setWithSequenceNumber(false);
            encoder.setWithNanoseconds(false);
            encoder.setWithContext(false);
            encoder.setWithMessage(false); // the formatted message says it, without {} placeholders
            encoder.setWithArguments(false);
            encoder.setWithFormattedMessage(true);
            encoder.start();
            return encoder;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n");
        encoder.start();
        return encoder;
    }
}
