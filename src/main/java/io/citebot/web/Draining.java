package io.citebot.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stop that leaves no request without a response. It stops accepting connections at once; requests still
 * arriving on open connections get 503 JSON with {@code Connection: close} (so clients do not send another on
 * them); requests in flight finish; only when none is in flight and none has arrived for {@link #QUIET}, or the
 * grace period is over, are the remaining (idle) connections closed.
 */
final class Draining {

    private static final Logger log = LoggerFactory.getLogger(Draining.class);
    /** How long no request may arrive before the idle connections are closed. */
    static final Duration QUIET = Duration.ofMillis(500);

    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean draining;
    private volatile long lastArrival = System.nanoTime();

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
        while (System.nanoTime() < deadline && (inFlight.get() > 0 || System.nanoTime() - lastArrival < QUIET.toNanos())) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (inFlight.get() > 0) {
            log.warn("Stopping with {} requests still in flight after the {} s grace period", inFlight.get(), grace.toSeconds());
        }
        app.stop();
        log.info("Stopped in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }
}
