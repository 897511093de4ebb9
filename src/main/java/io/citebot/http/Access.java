package io.citebot.http;

import io.citebot.config.ApiSettings;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Who may ask and how often: API keys on every path but the page, health and signed links, the admin role, the
 * rate limit per caller, the answer gate, and the deadline of each answer.
 */
final class Access {

    private final ApiKeys keys;
    private final RateLimiter limiter;
    private final AnswerGate gate;
    private final Deadline deadline;

    Access(ApiSettings api, AnswerGate gate) {
        this.keys = new ApiKeys(api.keys(), api.adminKeys());
        this.limiter = new RateLimiter(api.ratePerMinute());
        this.gate = gate;
        this.deadline = new Deadline(api.deadline());
    }

    AnswerGate gate() {
        return gate;
    }

    boolean keysRequired() {
        return keys.required();
    }

    Deadline deadline() {
        return deadline;
    }

    /** Paths anyone may fetch (the page, health, signed links), as the doors declared them ({@link DoorRoutes#open}). */
    private final Set<String> openPaths = new HashSet<>();
    private final List<String> openPrefixes = new ArrayList<>();

    /** Opens these exact paths to callers without a key. */
    void open(List<String> paths) {
        openPaths.addAll(paths);
    }

    /** Opens every path below {@code prefix} (which ends in {@code /}) to callers without a key. */
    void openBelow(String prefix) {
        if (!prefix.endsWith("/") || prefix.equals("/")) {
            throw new IllegalArgumentException("an open prefix ends in / and is not the root: " + prefix);
        }
        openPrefixes.add(prefix);
    }

    private boolean isOpen(String path) {
        return openPaths.contains(path) || openPrefixes.stream().anyMatch(path::startsWith);
    }

    /**
     * With API keys configured, every path but the open ones ({@link #open}: the page, health, signed article
     * links, Slack's signed requests) needs one: 401 with {@code WWW-Authenticate: Bearer}
     * otherwise. Protection is by default, so no spelling of a protected path ({@code /metrics/}, {@code /API/…},
     * {@code /%61pi/…}) slips past. The caller's {@link ApiKeys.Principal} is kept for the route.
     */
    void authorize(Context ctx) {
        String path = ctx.path();
        if (ctx.method() == HandlerType.OPTIONS) {
            return;
        }
        if (!keys.required()) {
            ctx.attribute(PRINCIPAL, presentsLocalToken(ctx) ? LOCAL_CLI : ApiKeys.Principal.LOCAL);
            ctx.attribute(CALLER, "ip:" + ctx.ip());
            return;
        }
        if (isOpen(path)) {
            return;
        }
        if (presentsLocalToken(ctx)) {
            ctx.attribute(PRINCIPAL, LOCAL_CLI);
            ctx.attribute(CALLER, LOCAL_CLI.id());
            return;
        }
        ApiKeys.Principal caller = keys.identify(ctx.header("Authorization"));
        if (caller == null) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"citebot\"");
            throw new HttpError(401, ctx.header("Authorization") == null
                    ? "an API key is required: send Authorization: Bearer <key>"
                    : "invalid API key", "invalid_api_key");
        }
        ctx.attribute(PRINCIPAL, caller);
        ctx.attribute(CALLER, caller.id());
    }

    /** A command on this machine that showed the data folder's token: it can read the folder, so it is an admin. */
    private static final ApiKeys.Principal LOCAL_CLI = new ApiKeys.Principal("local-cli", true);
    private volatile byte[] localToken;

    /** Trusts requests from this machine that carry {@code token} (written to the data folder's server.json) as admin. */
    void trustLocalToken(String token) {
        this.localToken = token == null ? null : ApiKeys.sha256(token);
    }

    private boolean presentsLocalToken(Context ctx) {
        byte[] expected = localToken;
        String presented = ctx.header(HttpServer.LOCAL_TOKEN_HEADER);
        if (expected == null || presented == null) {
            return false;
        }
        try {
            return MessageDigest.isEqual(expected, ApiKeys.sha256(presented))
                    && InetAddress.getByName(ctx.ip()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Whether the caller is a command on this machine that showed the data folder's token. */
    static boolean isLocalCommand(Context ctx) {
        return ctx.attribute(PRINCIPAL) == LOCAL_CLI;
    }

    /** The caller's principal, whose conversations a route may read and continue. */
    static String owner(Context ctx) {
        ApiKeys.Principal p = ctx.attribute(PRINCIPAL);
        return p == null ? ApiKeys.Principal.LOCAL.id() : p.id();
    }

    /**
     * For routes of the admin role (all feedback, backups, article writes, metrics): 403 unless the caller's key
     * is one of {@code CITEBOT_ADMIN_KEYS} (every caller is admin when no keys are configured).
     */
    void requireAdmin(Context ctx) {
        ApiKeys.Principal p = ctx.attribute(PRINCIPAL);
        if (p == null || !p.admin()) {
            throw new HttpResponseException(403, keys.hasAdmins()
                    ? "this needs an admin key (one of CITEBOT_ADMIN_KEYS)"
                    : "this needs an admin key, and none is configured: set CITEBOT_ADMIN_KEYS");
        }
    }

    /** Whether the caller has the admin role. */
    static boolean isAdmin(Context ctx) {
        ApiKeys.Principal p = ctx.attribute(PRINCIPAL);
        return p != null && p.admin();
    }

    /** Who is calling, for rate limits and logs: the key's principal with keys, "ip:ADDRESS" without. */
    static final String CALLER = "citebot.caller";
    private static final String PRINCIPAL = "citebot.principal";

    /** An answering route: within the caller's rate, then within the answer gate. */
    void answering(Context ctx, Runnable work) {
        Object caller = ctx.attribute(CALLER);
        long waitMillis = limiter.acquire(caller == null ? "ip:" + ctx.ip() : caller.toString());
        if (waitMillis > 0) {
            ctx.header("Retry-After", String.valueOf(Math.max(1, (waitMillis + 999) / 1000)));
            ctx.header("retry-after-ms", String.valueOf(waitMillis));
            throw new HttpError(429, "rate limit reached: at most " + limiter.perMinute() + " answers a minute; retry in "
                    + Math.max(1, (waitMillis + 999) / 1000) + " s", "rate_limit_exceeded");
        }
        gate.run(ctx, work);
    }
}
