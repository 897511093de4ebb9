package io.citebot.slack;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The event ids seen lately, so that an event Slack delivers again (it retries up to three times when it thinks
 * an acknowledgement was lost, within about five minutes) is answered once. Bounded in size and in age.
 */
final class SeenEvents {

    private final int capacity;
    private final long ttlNanos;
    private final LinkedHashMap<String, Long> seen = new LinkedHashMap<>();

    SeenEvents(int capacity, Duration ttl) {
        this.capacity = capacity;
        this.ttlNanos = ttl.toNanos();
    }

    /** True the first time an id is offered within the time to live; false for a repeat. */
    synchronized boolean firstTime(String eventId) {
        long now = System.nanoTime();
        for (Iterator<Map.Entry<String, Long>> it = seen.entrySet().iterator(); it.hasNext(); ) {
            if (now - it.next().getValue() <= ttlNanos) {
                break;
            }
            it.remove();
        }
        if (seen.containsKey(eventId)) {
            return false;
        }
        if (seen.size() >= capacity) {
            seen.pollFirstEntry();
        }
        seen.put(eventId, now);
        return true;
    }
}
