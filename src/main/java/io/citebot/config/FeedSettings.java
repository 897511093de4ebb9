package io.citebot.config;

import java.time.Duration;
import java.util.List;

/**
 * The news feeds citebot follows.
 *
 * @param urls     RSS 2.0 or Atom feed addresses
 * @param interval how often each feed is polled
 * @param timeout  longest wait for one feed or page
 */
public record FeedSettings(List<String> urls, Duration interval, Duration timeout) {

    public FeedSettings {
        urls = List.copyOf(urls);
    }

    public boolean enabled() {
        return !urls.isEmpty();
    }
}
