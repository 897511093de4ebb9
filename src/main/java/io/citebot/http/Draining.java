package io.citebot.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stop that leaves no request without a response. It stops accepting connections at once; requests still
 * arriving on open connections get 503 JSON with {@code Connection: close} (so clients do not send another on
 * them); requests in flight finish. The server closes when no request is in flight, none has arrived for
 * {@link #QUIET} and the clients have closed their connections (each was told to with its 503, and an idle one is
 * closed by the idle timeout), or when the grace period is over. Closing a kept-alive connection itself would
 * race with a client sending on it: that request would get no response at all.
 */
final class Draining {

    private static final Logger log = LoggerFactory.getLogger(Draining.class);
    /** How long no request may arrive before the idle connections are closed. */
    static final Duration QUIET = Duration.ofMillis(500);

    private final AtomicInteger inFlight = new AtomicInteger();
    private final IntSupplier openConnections;
    private volatile boolean draining;
    private volatile long lastArrival = System.nanoTime();

    /** @param openConnections how many connections are open now */
    Draining(IntSupplier openConnections) {
        this.openConnections = openConnections;
    }

    void before(Context ctx) {
        lastArrival = System.nanoTime();
        if (draining) {
            ctx.header("Connection", "close");
            ctx.header("Retry-After", "5");
            throw new HttpResponseException(503, "the server is stopping; try again shortly");
        }
        inFlight.incrementAndGet();
        ctx.attribute(COUNTED, Boolean.TRUE);
    }

    void after(Context ctx) {
        if (ctx.attribute(COUNTED) != null) {
            ctx.attribute(COUNTED, null);
            inFlight.decrementAndGet();
        }
    }

    private static final String COUNTED = "citebot.inFlight";

    /** Drains, within {@code grace}, then stops the server. */
    void stop(Javalin app, Duration grace) {
        long t0 = System.nanoTime();
        draining = true;
        for (Connector c : app.jettyServer().server().getConnectors()) {
            if (c instanceof NetworkConnector network) {
                network.close(); // no new connections; the open ones stay
            }
        }
        long deadline = t0 + grace.toNanos();
        while (System.nanoTime() < deadline && (inFlight.get() > 0 || System.nanoTime() - lastArrival < QUIET.toNanos()
                || openConnections.getAsInt() > 0)) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (inFlight.get() > 0 || openConnections.getAsInt() > 0) {
            log.warn("Stopping after the {} s grace period with {} requests in flight and {} connections open", grace.toSeconds(),
                    inFlight.get(), openConnections.getAsInt());
        }
        app.stop();
        log.info("Stopped in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }
}
