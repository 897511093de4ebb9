package io.citebot.chat;

/**
 * The conversation store could not write (a full disk, a database that went away): the answer was not stored, so
 * it is not acknowledged. Doors answer 503 with Retry-After; {@code /health} names the problem until a write works.
 */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
