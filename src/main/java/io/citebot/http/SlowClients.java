package io.citebot.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clients that are slow on purpose cannot starve the server. The idle timeout closes a connection that sends
 * nothing; this closes the ones that send a byte now and then without ever finishing a request's headers (a
 * "slowloris"): once the first bytes of a request arrive, its headers must be complete within
 * {@link #HEADER_DEADLINE}. A request being answered, a response being streamed and an idle kept-alive connection
 * are never touched here (the last is the idle timeout's). Past {@link #MAX_CONNECTIONS} open at once a new connection is closed at once
 * (a fast refusal), instead of waiting in the accept queue behind the slow ones. Slow bodies are bounded by
 * Jetty's minimum request data rate.
 */
final class SlowClients implements Connection.Listener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SlowClients.class);

    /** How long a connection may take to send a request's headers (from opening, or from its last request). */
    static final Duration HEADER_DEADLINE = Duration.ofSeconds(10);
    /** Connections open at once; beyond, new ones are closed on arrival. Idle connections cost a few KB each. */
    static final int MAX_CONNECTIONS = 10_000;

    /**
     * A connection as last seen: how many requests it had begun, how many bytes it had received when the last one
     * was answered, and since when bytes of a next request have been arriving (-1: none have).
     */
    private record Progress(long messagesIn, long bytesIn, long arrivingSince) {
    }

    private final Map<Connection, Progress> open = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("slow-client-reaper").daemon().factory());
    private final long deadlineNanos;

    SlowClients() {
        this(HEADER_DEADLINE);
    }

    SlowClients(Duration headerDeadline) {
        this.deadlineNanos = headerDeadline.toNanos();
        long every = Math.max(100, headerDeadline.toMillis() / 10);
        reaper.scheduleWithFixedDelay(this::reap, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onOpened(Connection connection) {
        if (count.incrementAndGet() > MAX_CONNECTIONS) {
            log.warn("Refused a connection: {} are open already", MAX_CONNECTIONS);
            connection.getEndPoint().close();
            return;
        }
        open.put(connection, new Progress(0, 0, -1));
    }

    /** Connections open now. */
    int open() {
        return count.get();
    }

    @Override
    public void onClosed(Connection connection) {
        count.decrementAndGet();
        open.remove(connection);
    }

    /** Closes the connections that have been sending a request's headers for longer than the deadline. */
    private void reap() {
        long now = System.nanoTime();
        int closed = 0;
        for (var e : open.entrySet()) {
            Connection c = e.getKey();
            Progress p = e.getValue();
            long in = c.getMessagesIn();
            long bytes = c.getBytesIn();
            boolean answering = in > c.getMessagesOut();
            if (in != p.messagesIn() || answering) {
                open.replace(c, p, new Progress(in, bytes, -1)); // a request began, or is being answered
            } else if (bytes > p.bytesIn() && p.arrivingSince() < 0) {
                open.replace(c, p, new Progress(in, p.bytesIn(), now)); // the first bytes of a next request
            } else if (p.arrivingSince() >= 0 && now - p.arrivingSince() > deadlineNanos) {
                c.getEndPoint().close();
                closed++;
            }
        }
        if (closed > 0) {
            log.info("Closed {} connections that sent no complete request headers within {} s", closed, deadlineNanos / 1_000_000_000);
        }
    }

    @Override
    public void close() {
        reaper.shutdownNow();
    }
}
