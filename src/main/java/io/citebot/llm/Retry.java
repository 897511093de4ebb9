package io.citebot.llm;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.RetriableException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounded retries with exponential backoff for calls to a model provider. Only faults that may pass are
 * retried: timeouts, rate limits (429) and server errors (5xx). A 4xx or a response that cannot be read fails
 * at once.
 */
public final class Retry {

    private static final Logger log = LoggerFactory.getLogger(Retry.class);

    private final int retries;
    private final Duration delay;

    /**
     * @param retries attempts after the first
     * @param delay   wait before the first retry; doubled before each next one
     */
    public Retry(int retries, Duration delay) {
        this.retries = retries;
        this.delay = delay;
    }

    public <T> T call(Callable<T> work) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                return work.call();
            } catch (Exception e) {
                if (attempt >= retries || !retriable(e)) {
                    throw e;
                }
                long wait = delay.toMillis() << attempt;
                log.warn("Model call failed ({}); retry {} of {} in {} ms", describe(e), attempt + 1, retries, wait);
                Thread.sleep(wait);
            }
        }
    }

    public int retries() {
        return retries;
    }

    public Duration delay(int attempt) {
        return delay.multipliedBy(1L << attempt);
    }

    /** Whether a fault may pass if the call is made again. */
    public static boolean retriable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RetriableException || t instanceof HttpTimeoutException
                    || t instanceof SocketTimeoutException || t instanceof TimeoutException) {
                return true;
            }
            if (t instanceof HttpException h) {
                return h.statusCode() == 429 || h.statusCode() >= 500;
            }
            if (t instanceof UncheckedIOException || t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    public static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + (m.length() > 200 ? m.substring(0, 200) + "…" : m));
    }
}
