package io.citebot;

import io.citebot.index.BgeEmbedder;
import java.util.List;
import sun.misc.Signal;

/**
 * Ctrl-C, SIGTERM and SIGHUP end citebot as the JVM's own handlers do (the shutdown hooks run; the exit code is 128
 * plus the signal's number), once no embedding model is loading. ONNX Runtime registers a shutdown hook that closes
 * its environment, and shutdown hooks run all at once: a server stopped in its first second, while the model's
 * session was being built, crashed the JVM (SIGSEGV, exit code 134) in 6 of 20 starts stopped 0.1–1.2 s after launch.
 * A hook of ours cannot go first, so the signal waits before the hooks begin ({@link BgeEmbedder#awaitLoadsUnderWay},
 * at most a minute; a load takes about half a second).
 *
 * <p>{@code sun.misc.Signal} (module jdk.unsupported) is the JDK's supported-in-practice way to do this (JEP 260).
 * A signal ignored when the JVM started (nohup's SIGHUP) stays ignored; with {@code -Xrs} the JVM's handling stays.
 */
final class Signals {

    private Signals() {
    }

    static void install() {
        for (String name : List.of("TERM", "INT", "HUP")) {
            try {
                Signal.handle(new Signal(name), Signals::exit);
            } catch (IllegalArgumentException e) {
                // the signal is the JVM's (-Xrs) or unknown here: its default handling stays
            }
        }
    }

    /** Runs on a thread of its own, started by the JVM for each signal received. */
    private static void exit(Signal signal) {
        BgeEmbedder.awaitLoadsUnderWay();
        System.exit(128 + signal.getNumber());
    }
}
