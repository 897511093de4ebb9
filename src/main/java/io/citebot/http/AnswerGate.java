package io.citebot.http;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how many questions are answered at once: answering is CPU work (an embedding, two searches, sentence
 * scoring), so past a few per core more of them only make every answer slower and the heap larger. A request
 * waits a short while for its turn; when none comes it gets 503 with {@code Retry-After}, and the client can
 * come back instead of everyone timing out together.
 */
public final class AnswerGate {

    /** Seconds a refused client is told to wait. */
    static final int RETRY_AFTER_SECONDS = 2;

    private final Semaphore permits;
    private final Duration wait;

    /**
     * @param concurrent questions answered at the same time
     * @param wait       how long a request may wait for its turn
     */
    public AnswerGate(int concurrent, Duration wait) {
        if (concurrent < 0) {
            throw new IllegalArgumentException("concurrent must not be negative");
        }
        this.permits = new Semaphore(concurrent, true);
        this.wait = wait;
    }

    /** The default: four answers per core at once, a second's wait. */
    static AnswerGate forThisMachine() {
        return new AnswerGate(4 * Runtime.getRuntime().availableProcessors(), Duration.ofSeconds(1));
    }

    /** Runs {@code work} in turn, or answers 503 when no turn comes within the wait. */
    void run(Context ctx, Runnable work) {
        boolean admitted;
        try {
            admitted = permits.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            ctx.header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
            throw new HttpResponseException(503, "busy: too many questions at once; retry in " + RETRY_AFTER_SECONDS + " s");
        }
        try {
            work.run();
        } finally {
            permits.release();
        }
    }
}
