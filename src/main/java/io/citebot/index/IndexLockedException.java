package io.citebot.index;

import java.nio.file.Path;

/** Another process (usually a running {@code citebot serve}) holds the index's write lock. */
public final class IndexLockedException extends RuntimeException {

    public IndexLockedException(Path dir) {
        super("the index in " + dir + " is in use by another citebot process (is `citebot serve` running?)");
    }
}
