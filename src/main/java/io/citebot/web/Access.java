package io.citebot.web;

import io.citebot.config.ApiSettings;
import io.citebot.openai.OpenAiError;
import io.javalin.http.Context;

/**
 * Who may ask and how often: API keys on {@code /api/*}, {@code /v1/*} and {@code /metrics}, the rate limit per
 * caller, the answer gate, and the deadline of each answer.
 */
final class Access {

    private final ApiKeys keys;
    private final RateLimiter limiter;
    private final AnswerGate gate;
    private final Deadline deadline;

    Access(ApiSettings api, AnswerGate gate) {
        this.keys = new ApiKeys(api.keys());
        this.limiter = new RateLimiter(api.ratePerMinute());
        this.gate = gate;
        this.deadline = new Deadline(api.deadline());
    }

    boolean keysRequired() {
        return keys.required();
    }

    Deadline deadline() {
        return deadline;
    }

    /**
     * With API keys configured, {@code /api/*}, {@code /v1/*} and {@code /metrics} need one: 401 with
     * {@code WWW-Authenticate: Bearer} otherwise. {@code /health}, the page and the Slack routes (signed) stay open.
     */
    void authorize(Context ctx) {
        String path = ctx.path();
        boolean guarded = path.startsWith("/api/") || path.startsWith("/v1/") || path.equals("/metrics");
        if (!guarded || ctx.method() == io.javalin.http.HandlerType.OPTIONS) {
            return;
        }
        if (!keys.required()) {
            ctx.attribute(CALLER, "ip:" + ctx.ip());
            return;
        }
        String caller = keys.identify(ctx.header("Authorization"));
        if (caller == null) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"citebot\"");
            throw new OpenAiError(401, ctx.header("Authorization") == null
                    ? "an API key is required: send Authorization: Bearer <key>"
                    : "invalid API key", "invalid_api_key", null);
        }
        ctx.attribute(CALLER, caller);
    }

    /** Who is calling: "key-N" with keys, "ip:ADDRESS" without. */
    static final String CALLER = "citebot.caller";

    /** An answering route: within the caller's rate, then within the answer gate. */
    void answering(Context ctx, Runnable work) {
        Object caller = ctx.attribute(CALLER);
        long waitMillis = limiter.acquire(caller == null ? "ip:" + ctx.ip() : caller.toString());
        if (waitMillis > 0) {
            ctx.header("Retry-After", String.valueOf(Math.max(1, (waitMillis + 999) / 1000)));
            ctx.header("retry-after-ms", String.valueOf(waitMillis));
            throw new OpenAiError(429, "rate limit reached: at most " + limiter.perMinute() + " answers a minute; retry in "
                    + Math.max(1, (waitMillis + 999) / 1000) + " s", "rate_limit_exceeded", null);
        }
        gate.run(ctx, work);
    }
}
