package io.citebot.http;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.net.URI;
import java.util.Locale;
import java.util.List;
import java.util.Set;

/**
 * What every request passes first: security headers on every response, and, while the server listens on
 * loopback only, a check that the request really comes from this machine's own pages. A browser on the same
 * machine can be led to a hostile site whose DNS name later points at 127.0.0.1 (DNS rebinding); such
 * requests carry the site's name in {@code Host}, and its origin in {@code Origin}, and are refused.
 */
final class EdgeGuard {

    /** Only our own scripts, styles and requests; no framing; no plugins. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final boolean loopbackOnly;
    private final List<String> allowedOrigins;
    private final List<String> signedPrefixes;

    /**
     * @param loopbackOnly   the server listens on a loopback address, so only loopback names may be used to reach it
     * @param allowedOrigins other sites' origins the operator allows to call the API (CORS)
     * @param signedPrefixes paths whose requests carry their own signature ({@link DoorRoutes#signed})
     */
    EdgeGuard(boolean loopbackOnly, List<String> allowedOrigins, List<String> signedPrefixes) {
        this.loopbackOnly = loopbackOnly;
        this.allowedOrigins = allowedOrigins;
        this.signedPrefixes = signedPrefixes;
    }

    static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }

    /**
     * Runs before every handler, so a refused request changes nothing (no turn stored, no answer composed): a
     * browser's request from another site's page (its {@code Origin}) is refused with 403 unless that origin is
     * allowed ({@code CITEBOT_CORS_ORIGINS}) or is this server's own.
     */
    void check(Context ctx) {
        headers(ctx);
        // signed requests (Slack's) arrive through the operator's tunnel or proxy under its public name, and their
        // door checks each one's signature: the Host and Origin checks are for browsers
        if (signedPrefixes.stream().anyMatch(ctx.path()::startsWith)) {
            return;
        }
        String host = ctx.header("Host");
        if (loopbackOnly && (host == null || !LOOPBACK_NAMES.contains(hostName(host)))) {
            throw new HttpResponseException(403, "this server answers only to localhost (Host: " + host + ")");
        }
        String origin = ctx.header("Origin");
        if (origin != null && !origin.equals("null") && !allowedOrigins.contains(origin)
                && !(loopbackOnly ? isLoopbackOrigin(origin) : sameHost(origin, host))) {
            throw new HttpResponseException(403, "cross-site requests are refused (Origin: " + origin + ")");
        }
    }

    /** Whether a page's origin is this server as the browser reached it (the request's Host). */
    private static boolean sameHost(String origin, String host) {
        try {
            URI u = URI.create(origin);
            String authority = u.getPort() < 0 ? u.getHost() : u.getHost() + ":" + u.getPort();
            return host != null && u.getHost() != null && authority.equalsIgnoreCase(host.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static void headers(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
    }

    private static boolean isLoopbackOrigin(String origin) {
        try {
            URI u = URI.create(origin);
            return u.getHost() != null && LOOPBACK_NAMES.contains(u.getHost().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** "localhost:7070" → "localhost"; "[::1]:7070" → "[::1]". */
    private static String hostName(String hostHeader) {
        String h = hostHeader.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }
}
