package io.citebot.feeds;

import io.citebot.net.Addresses;
import io.citebot.net.LazyHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * Polite HTTP for feeds and pages: the JDK's client, a User-Agent that names citebot, timeouts, at most
 * {@link #MAX_BYTES} read from any response, redirects followed (at most {@link #MAX_REDIRECTS}, each address
 * checked), and conditional requests so an unchanged feed costs a 304.
 */
final class Fetcher {

    static final String USER_AGENT = "citebot/0.1 (news archive feed follower; +https://github.com/citebot/citebot)";
    static final int MAX_BYTES = 10 * 1024 * 1024;

    /** A response: its status, its final address (after redirects), the validators to send next time, the body. */
    record Response(int status, URI uri, String etag, String lastModified, String contentType, String location, byte[] body) {
    }

    private final LazyHttpClient http;
    private final Duration timeout;

    Fetcher(Duration timeout) {
        this.timeout = timeout;
        this.http = new LazyHttpClient(() -> HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build());
    }

    /** Redirects followed, each checked like the first address. */
    static final int MAX_REDIRECTS = 5;

    /**
     * GETs {@code uri} as {@link #get(URI, String, String, String)} does, but only from addresses {@code trusted}
     * names or public ones: a feed's item may not make citebot fetch (and index) a page of the private network it
     * runs in, such as a cloud metadata service or an intranet, not even through a redirect.
     *
     * @param trusted the host the operator configured (the feed's own), which may be private
     */
    Response getPublic(URI uri, String trusted, String accept) throws IOException, InterruptedException {
        URI target = uri;
        for (int hop = 0; ; hop++) {
            if (!Addresses.mayFetch(target, trusted)) {
                throw new IOException("not fetched: " + target.getHost() + " is a private or local address");
            }
            Response r = get(target, null, null, accept);
            if (r.status() / 100 != 3 || r.location() == null) {
                return r;
            }
            if (hop == MAX_REDIRECTS) {
                throw new IOException("more than " + MAX_REDIRECTS + " redirects");
            }
            target = target.resolve(r.location());
        }
    }

    /**
     * GETs {@code uri}; with {@code etag} or {@code lastModified}, conditionally. Statuses other than 2xx and 304 are
     * returned as they are; an oversized body, a timeout or a broken connection is an IOException with the reason.
     */
    Response get(URI uri, String etag, String lastModified, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", USER_AGENT).header("Accept", accept).GET();
        if (etag != null) {
            b.header("If-None-Match", etag);
        }
        if (lastModified != null) {
            b.header("If-Modified-Since", lastModified);
        }
        HttpResponse<InputStream> r;
        try {
            r = http.get().send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new IOException("timed out after " + timeout.toSeconds() + " s");
        }
        byte[] body;
        try (InputStream in = r.body()) {
            body = in.readNBytes(MAX_BYTES + 1);
        }
        if (body.length > MAX_BYTES) {
            throw new IOException("response larger than " + MAX_BYTES / (1024 * 1024) + " MB");
        }
        Optional<String> tag = r.headers().firstValue("ETag");
        Optional<String> modified = r.headers().firstValue("Last-Modified");
        return new Response(r.statusCode(), r.uri(), tag.orElse(null), modified.orElse(null),
                r.headers().firstValue("Content-Type").orElse(null), r.headers().firstValue("Location").orElse(null), body);
    }
}
