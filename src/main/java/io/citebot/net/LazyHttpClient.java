package io.citebot.net;

import java.net.http.HttpClient;
import java.util.function.Supplier;

/**
 * A JDK HTTP client built at its first use: building one loads the TLS context and the trust store (0.2 s), which a
 * start should not pay for webhooks or feeds that have nothing to send yet.
 */
public final class LazyHttpClient {

    private final Supplier<HttpClient> build;
    private HttpClient client;

    public LazyHttpClient(Supplier<HttpClient> build) {
        this.build = build;
    }

    public synchronized HttpClient get() {
        if (client == null) {
            client = build.get();
        }
        return client;
    }
}
