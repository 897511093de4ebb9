package io.citebot.http;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how many questions are answered at once. With a local index answering is CPU work (an embedding, two
 * searches, sentence scoring), so past a few per core more of them only make every answer slower and the heap
 * larger. With a backend that answers over the network (SolrCloud) an answer mostly waits, and a bound sized for
 * CPU work would turn clients away while this process's cores idle. So the bound adapts between {@code least} and
 * {@code most}: every {@value #SAMPLE_MILLIS} ms at most it looks at the CPU time this process used; while answers
 * are waiting for a turn and the cores are less than {@value #IDLE} busy, it lets more in (at once as many as wait,
 * at least twice as many); when they are over {@value #BUSY} busy it lets a quarter fewer in, down to
 * {@code least}. It needs no thread of its own: arrivals and departures look. A request waits a short while for
 * its turn; when none comes it gets 503 with {@code Retry-After}, and the client can come back instead of everyone
 * timing out together.
 */
public final class AnswerGate {

    /** Seconds a refused client is told to wait. */
    static final int RETRY_AFTER_SECONDS = 2;
    static final long SAMPLE_MILLIS = 100;
    /** Below this share of the cores busy, answers waiting for a turn are let in. */
    static final double IDLE = 0.75;
    /** Above this share of the cores busy, fewer answers are let in. */
    static final double BUSY = 0.90;

    private final Turns turns;
    private final Duration wait;
    private final int least;
    private final int most;
    private final int cores = Runtime.getRuntime().availableProcessors();
    private int limit;
    private long sampledAt = System.nanoTime();
    private long cpuAt = processCpuNanos();

    /** A gate of a fixed size. */
    public AnswerGate(int concurrent, Duration wait) {
        this(concurrent, concurrent, wait);
    }

    /**
     * @param least questions answered at the same time while the cores are busy
     * @param most  questions answered at the same time while the cores idle
     * @param wait  how long a request may wait for its turn
     */
    public AnswerGate(int least, int most, Duration wait) {
        if (least < 0 || most < least) {
            throw new IllegalArgumentException("need 0 <= least <= most, not " + least + " and " + most);
        }
        this.least = least;
        this.most = most;
        this.limit = least;
        this.turns = new Turns(least);
        this.wait = wait;
    }

    /** The default: four answers per core while the cores are busy, up to 64 per core while they wait, a second's wait. */
    static AnswerGate forThisMachine() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new AnswerGate(4 * cores, 64 * cores, Duration.ofSeconds(1));
    }

    /** Runs {@code work} in turn, or answers 503 when no turn comes within the wait. */
    void run(Context ctx, Runnable work) {
        if (!enter()) {
            ctx.header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
            throw new HttpResponseException(503, "busy: too many questions at once; retry in " + RETRY_AFTER_SECONDS + " s");
        }
        try {
            work.run();
        } finally {
            leave();
        }
    }

    /** Takes a turn, waiting at most the gate's wait; false when none came. */
    boolean enter() {
        adapt();
        try {
            return turns.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Gives a turn back. */
    void leave() {
        turns.release();
        adapt();
    }

    /** How many answers may run at once now. */
    synchronized int limit() {
        return limit;
    }

    /** Answers running now. */
    int running() {
        return Math.max(0, limit() - turns.availablePermits());
    }

    private void adapt() {
        if (least == most) {
            return;
        }
        long now = System.nanoTime();
        synchronized (this) {
            if (now - sampledAt < TimeUnit.MILLISECONDS.toNanos(SAMPLE_MILLIS)) {
                return;
            }
            long cpu = processCpuNanos();
            double busy = (cpu - cpuAt) / ((double) (now - sampledAt) * cores);
            sampledAt = now;
            cpuAt = cpu;
            if (cpu < 0) {
                return; // this JVM cannot tell its CPU time: stay where we are
            }
            int waiting = turns.getQueueLength();
            if (busy < IDLE && waiting > 0 && limit < most) {
                int grown = Math.min(most, Math.max(2 * limit, limit + waiting));
                turns.release(grown - limit);
                limit = grown;
            } else if (busy > BUSY && limit > least) {
                int shrunk = Math.max(least, limit * 3 / 4);
                turns.fewer(limit - shrunk);
                limit = shrunk;
            }
        }
    }

    /** CPU time this process used so far, in nanoseconds, or -1 when the JVM cannot tell. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /** A fair semaphore whose permits can also be taken away (answers running keep theirs until they end). */
    private static final class Turns extends Semaphore {
        Turns(int permits) {
            super(permits, true);
        }

        void fewer(int n) {
            reducePermits(n);
        }
    }
}
