package io.citebot.index;

import java.io.IOException;
import java.util.Optional;

/**
 * The index backend cannot be reached for now (every node of the cluster down or failing): a condition to retry,
 * answered with 503 by the HTTP doors, not a bug.
 */
public final class IndexUnavailableException extends IOException {

    public IndexUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The unavailability behind {@code e}, if that is what it is. */
    public static Optional<IndexUnavailableException> in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IndexUnavailableException u) {
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }
}
