package io.citebot.http;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A per-request deadline for answering: the work runs on its own virtual thread; when it is not done in time the
 * request gets 503 with {@code Retry-After} and the work is interrupted (a model call in flight is abandoned), so
 * no request holds its client, or its place in the answer gate, for longer than the deadline.
 */
public final class Deadline {

    private static final ExecutorService WORKERS = Executors.newVirtualThreadPerTaskExecutor();

    private final Duration limit;

    public Deadline(Duration limit) {
        this.limit = limit;
    }

    /** The work's result, its own exception, or a 503 when it takes longer than the deadline. */
    public <T> T within(Context ctx, Supplier<T> work) {
        Future<T> f = WORKERS.submit(work::get);
        try {
            return f.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            ctx.header("Retry-After", "5");
            throw new HttpResponseException(503, "the answer took longer than " + limit.toMillis() / 1000.0 + " s; please try again");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new HttpResponseException(503, "the server is stopping");
        }
    }
}
