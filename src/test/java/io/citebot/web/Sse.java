package io.citebot.web;

import java.util.ArrayList;
import java.util.List;

/** Reads a Server-Sent Events body into (event, data) pairs, for tests. */
final class Sse {

    private Sse() {
    }

    static List<String[]> parse(String body) {
        List<String[]> events = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            String event = null;
            String data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = line.substring(6);
                }
            }
            if (event != null) {
                events.add(new String[] {event, data});
            }
        }
        return events;
    }
}
