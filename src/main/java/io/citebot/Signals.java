package io.citebot;

import io.citebot.index.BgeEmbedder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import sun.misc.Signal;

/**
 * Ctrl-C, SIGTERM and SIGHUP end citebot as the JVM's own handlers do (the shutdown hooks run; the exit code is 128
 * plus the signal's number), once no embedding model is loading. ONNX Runtime registers a shutdown hook that closes
 * its environment, and shutdown hooks run all at once: a server stopped in its first second, while the model's
 * session was being built, crashed the JVM (SIGSEGV, exit code 134) in 6 of 20 starts stopped 0.1–1.2 s after launch.
 * A hook of ours cannot go first, so the signal waits before the hooks begin ({@link BgeEmbedder#awaitLoadsUnderWay},
 * at most a minute; a load takes about half a second).
 *
 * <p>The first run of a jar writes the JVM's class-data archive at exit ({@code bin/citebot} passes its path as
 * {@code citebot.cds.writing}), and the JVM (Temurin 25.0.3) writes it while the other threads still run: a thread
 * still linking its lambdas then crashed it (SIGSEGV in {@code LambdaProxyClassDictionary::find_lambda_proxy_class},
 * exit 134) in 21 of 70 first starts stopped 0–0.3 s after the JVM's first line. So in such a run a signal also waits
 * for the command's start-up to end ({@link #listening}, {@link #opened}; at most five seconds from the start, so
 * that Ctrl-C stays prompt in a long first start or a command that opens no index), which also makes the archive
 * hold the whole start-up; a signal that came before these handlers (the JVM's own handler then ends the run) waits
 * for it too, in a shutdown hook, and if that end has begun before the hook could be added, the main thread stops
 * where it is.
 *
 * <p>{@code sun.misc.Signal} (module jdk.unsupported) is the JDK's supported-in-practice way to do this (JEP 260).
 * A signal ignored when the JVM started (nohup's SIGHUP) stays ignored; with {@code -Xrs} the JVM's handling stays.
 */
public final class Signals {

    /** The class-data archive the JVM writes at exit, when this run writes one. */
    private static final String ARCHIVE = System.getProperty("citebot.cds.writing");
    private static final CountDownLatch STARTED = new CountDownLatch(1);
    /** The longest a signal waits for a start-up (a first start's lambdas are linked in its first second or two). */
    private static final long START_UP_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** When the handlers were installed (this class is first used then), near the JVM's start. */
    private static final long INSTALLED = System.nanoTime();
    private static volatile boolean serving;
    private static volatile boolean ending;

    private Signals() {
    }

    static void install(String command) {
        serving = "serve".equals(command);
        for (String name : List.of("TERM", "INT", "HUP")) {
            try {
                Signal.handle(new Signal(name), Signals::exit);
            } catch (IllegalArgumentException e) {
                // the signal is the JVM's (-Xrs) or unknown here: its default handling stays
            }
        }
        if (ARCHIVE == null) {
            return; // no archive is written at exit: the JVM's own handling of an early signal is harmless
        }
        // A signal that came before these handlers is the JVM's own: it ends the run at once, and the archive is
        // written while this run starts up. This hook makes that end wait for the start-up as a signal of ours does
        // (hooks run before the JVM writes the archive); a run already ending takes no hook: nothing more starts.
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(Signals::holdArchiveUntilStarted, "class-archive"));
        } catch (IllegalStateException e) {
            while (true) {
                LockSupport.park();
            }
        }
    }

    /** citebot itself ends the run now (its command ended, or a signal of ours has waited already). */
    static void ending() {
        ending = true;
    }

    /** A shutdown hook: when the JVM's own signal handler ended a run that writes its archive, the start-up's end. */
    private static void holdArchiveUntilStarted() {
        if (!ending) {
            awaitStartUp();
        }
    }

    private static void awaitStartUp() {
        try {
            STARTED.await(Math.max(0, INSTALLED + START_UP_NANOS - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The index is open and the model loading: a one-shot command's start-up is over (a server's is not yet). */
    static void opened() {
        if (!serving) {
            started();
        }
    }

    /** The server listens: its start-up is over. */
    public static void listening() {
        started();
    }

    /**
     * Beside an archive being written, {@code .started} tells the launcher the archive will hold a whole start-up's
     * classes; one written by a run that ended sooner (a signal before our handlers, a crash) is written again.
     */
    private static synchronized void started() {
        if (STARTED.getCount() > 0 && ARCHIVE != null) {
            try {
                Files.write(Path.of(ARCHIVE + ".started"), new byte[0]);
            } catch (IOException | RuntimeException e) {
                // the cache folder went away or is not writable: the archive is written again next time
            }
        }
        STARTED.countDown();
    }

    /** Runs on a thread of its own, started by the JVM for each signal received. */
    private static void exit(Signal signal) {
        BgeEmbedder.awaitLoadsUnderWay();
        if (ARCHIVE != null) {
            awaitStartUp();
        }
        BgeEmbedder.stopBatches();
        ending();
        System.exit(128 + signal.getNumber());
    }
}
