package io.citebot.http;

import io.javalin.config.JavalinConfig;
import java.time.Duration;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * The web server's own bounds: slow or half-open clients park a virtual thread each, not one of a few platform
 * threads; a connection silent for {@link #IDLE_TIMEOUT} is closed, and so is one that trickles headers (see
 * {@link SlowClients}) or a body slower than {@link #MIN_REQUEST_BYTES_PER_SECOND}; on stop, requests in flight get
 * {@link #SHUTDOWN_GRACE} to finish.
 */
final class ServerBounds {

    /** A connection that sends nothing for this long (a stalled upload, a half-open client) is closed. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);
    /** A request body sent slower than this on average is cut off with 408 (a question arrives in one packet). */
    static final long MIN_REQUEST_BYTES_PER_SECOND = 1024;
    /**
     * Connections the kernel may hold for the server before it accepts them (the OS caps it at
     * {@code net.core.somaxconn}). Java's default of 50 overflowed when a few hundred clients connected at once: the
     * kernel dropped their handshakes and they saw their requests reset.
     */
    static final int ACCEPT_QUEUE = 1024;
    /** On stop, requests in flight get this long to finish. */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(15);

    private ServerBounds() {
    }

    static void apply(JavalinConfig config, JsonErrorHandler errors, SlowClients slow) {
        config.concurrency.useVirtualThreads = true;
        config.jetty.modifyServer(server -> {
            server.setErrorHandler(errors);
            server.addEventListener(new LifeCycle.Listener() {
                @Override
                public void lifeCycleStopped(LifeCycle event) {
                    slow.close();
                }
            });
            server.setStopTimeout(SHUTDOWN_GRACE.toMillis());
            server.addEventListener(new LifeCycle.Listener() {
                @Override
                public void lifeCycleStarting(LifeCycle event) {
                    for (var connector : server.getConnectors()) {
                        if (connector instanceof AbstractConnector c) {
                            c.setIdleTimeout(IDLE_TIMEOUT.toMillis());
                            c.addBean(slow);
                        }
                        if (connector instanceof ServerConnector c) {
                            c.setAcceptQueueSize(ACCEPT_QUEUE);
                        }
                        HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
                        if (http != null) {
                            http.getHttpConfiguration().setMinRequestDataRate(MIN_REQUEST_BYTES_PER_SECOND);
                        }
                    }
                    if (!(server.getHandler() instanceof GracefulHandler)) {
                        server.setHandler(new GracefulHandler(server.getHandler()));
                    }
                }
            });
        });
    }
}
