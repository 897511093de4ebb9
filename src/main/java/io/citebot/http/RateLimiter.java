package io.citebot.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per caller: {@code perMinute} answers a minute, up to {@code perMinute} at once after a quiet
 * spell. Idle callers' buckets are forgotten, so the table stays small when callers are client addresses.
 */
final class RateLimiter {

    /** Past this many callers, buckets untouched for a minute (and so full again) are dropped. */
    static final int MAX_CALLERS = 10_000;

    private final int perMinute;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long last;

        Bucket(double tokens, long last) {
            this.tokens = tokens;
            this.last = last;
        }
    }

    /** @param perMinute answers a minute per caller; 0 for no limit */
    RateLimiter(int perMinute) {
        this.perMinute = perMinute;
    }

    int perMinute() {
        return perMinute;
    }

    boolean enabled() {
        return perMinute > 0;
    }

    /** Takes one answer from the caller's bucket: 0 when allowed, else the milliseconds until one is free. */
    long acquire(String caller) {
        return acquire(caller, System.nanoTime());
    }

    long acquire(String caller, long nowNanos) {
        if (perMinute <= 0) {
            return 0;
        }
        if (buckets.size() > MAX_CALLERS) {
            buckets.values().removeIf(b -> nowNanos - b.last > 60_000_000_000L);
        }
        Bucket b = buckets.computeIfAbsent(caller, k -> new Bucket(perMinute, nowNanos));
        synchronized (b) {
            double perNano = perMinute / 60e9;
            b.tokens = Math.min(perMinute, b.tokens + (nowNanos - b.last) * perNano);
            b.last = nowNanos;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - b.tokens) / perNano / 1e6);
        }
    }
}
